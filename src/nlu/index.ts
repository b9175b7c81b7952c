import type { Entities, Intent, Lang, SlotName, Slots } from '../core/types.js';
import { normalise } from './normalise.js';
import { NEUTRAL, detectLanguage } from './language.js';
import { EntityExtractor, loadEntityData, type EntityData } from './entities.js';
import { featureBag, features } from './features.js';
import { IntentClassifier, type Classification, type ClassifierModel, type ClassifierOptions } from './classifier.js';
import { LookupFeatures, type LookupData } from './lookups.js';
import { loadTrainingData, type TrainingExample } from './training.js';
import { Standardiser, latinVocabulary, loadDialectData, type DialectData } from './standardise.js';
import { AnswerReader, type AnswerData } from './answers.js';

/** What the bot understood of one message. */
export interface Understanding {
  text: string;
  /** The text as every rule reads it: normalised (width, case…), then standardised (romaji, dialect, kana spellings, typos). */
  normalised: string;
  /** `undefined` when the message has no words of either language (a payload, a brand, digits). */
  lang: Lang | undefined;
  intent: Intent;
  confidence: number;
  /** The classifier's own best guess, before the out-of-scope threshold. */
  guess: Intent;
  entities: Entities;
  /** Slot values the wording states. */
  facts: Partial<Slots>;
  /** Slots for which the message names two different values (Wi-Fi and 4G): what it says of them is unsure. */
  mixed?: SlotName[];
}

export interface NluOptions extends ClassifierOptions {
  examples?: TrainingExample[];
  /** A classifier trained elsewhere (the training worker): loaded instead of training on `examples`. */
  model?: ClassifierModel;
  entityData?: EntityData;
  /** Dialect, spelling and romaji tables (`intents/dialect.json`). */
  dialectData?: DialectData;
  /** How answers to the dialog's questions are worded (`intents/answers.json`). */
  answerData?: AnswerData;
  /** Lookup-table cues (`intents/lookups.json`); `false` turns them off (for comparison). */
  lookupData?: LookupData | false;
  /** Below this confidence the intent is `out_of_scope` (0.45, tuned by 5-fold cross-validation). */
  threshold?: number;
  /** Also `out_of_scope` when the top two probabilities are closer than this (0: off; CV found no gain). */
  margin?: number;
}

/**
 * The NLU pipeline: normalise → language → entities (with the entity spans
 * masked) → features → intent. Built once (training takes a fraction of a
 * second, loading a trained `model` a few milliseconds), then `understand` is
 * pure and fast.
 */
export class Nlu {
  readonly classifier: IntentClassifier;
  readonly extractor: EntityExtractor;
  readonly standardiser: Standardiser;
  /** Reads a message as the answer to the dialog's open question (see `answers.ts`). */
  readonly answers: AnswerReader;
  readonly lookups: LookupFeatures | null;
  readonly threshold: number;
  readonly margin: number;

  constructor(options: NluOptions = {}) {
    const entityData = options.entityData ?? loadEntityData();
    this.extractor = new EntityExtractor(entityData);
    this.lookups = options.lookupData === false ? null : new LookupFeatures(options.lookupData);
    const examples = options.examples ?? loadTrainingData();
    const names = [...NEUTRAL, ...[entityData.carrier, entityData.network, entityData.os].flatMap((table) => Object.values(table).flat())];
    const dialect = options.dialectData ?? loadDialectData();
    const english = examples.filter((e) => e.lang === 'en').map((e) => e.text);
    this.standardiser = new Standardiser(dialect, latinVocabulary(english, names, dialect));
    this.answers = new AnswerReader(options.answerData);
    this.classifier = options.model
      ? new IntentClassifier(options.model)
      : new IntentClassifier(
          examples.map((e) => ({ features: this.featuresOf(e.text), intent: e.intent })),
          options,
        );
    this.threshold = options.threshold ?? 0.45;
    this.margin = options.margin ?? 0;
  }

  /** The classifier's features for a raw message. */
  featuresOf(text: string): string[] {
    return this.featuresOfMasked(this.extractor.extract(this.read(text)).masked);
  }

  /** A raw message as the rules read it: normalised, then standardised (see `Understanding.normalised`). */
  read(text: string): string {
    return this.standardiser.standardise(normalise(text));
  }

  private featuresOfMasked(masked: string): string[] {
    const own = features(masked);
    return this.lookups ? own.concat(this.lookups.features(masked)) : own;
  }

  /** Understands one raw message. */
  understand(text: string): Understanding {
    const normalised = this.read(text);
    const { entities, facts, masked, mixed } = this.extractor.extract(normalised);
    const c: Classification = this.classifier.classifyBag(featureBag(masked), this.lookups ? this.lookups.baseFeatures(masked) : []);
    const outOfScope = c.confidence < this.threshold || (this.margin > 0 && c.confidence - (c.ranking[1]?.p ?? 0) < this.margin);
    const intent = outOfScope ? 'out_of_scope' : c.intent;
    const u: Understanding = { text, normalised, lang: detectLanguage(normalised), intent, confidence: round(c.confidence), guess: c.intent, entities, facts };
    if (mixed) u.mixed = mixed;
    return u;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
