import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import type { Intent } from '../core/types.js';
import { gramKey, type FeatureBag } from './features.js';

/** A labelled feature list, as the trainer takes it. */
export interface LabelledFeatures {
  features: string[];
  intent: Intent;
}

/** The classifier's answer: the best intent, a calibrated confidence, and the runner-up. */
export interface Classification {
  intent: Intent;
  confidence: number;
  /** Every intent's normalised probability, best first. */
  ranking: { intent: Intent; p: number }[];
  /** How many of the message's features the model knows. */
  known: number;
}

/** How the classifier is trained and calibrated; every field has a default tuned by cross-validation. */
export interface ClassifierOptions {
  /** Softmax temperature at one known feature (see `classify`). */
  temperature?: number;
  /** How fast the temperature grows with the number of known features: T = temperature · known^spread. */
  spread?: number;
  /** natural's additive smoothing: the pseudo-count of a feature a class never showed. */
  smoothing?: number;
  /** Features seen in fewer training examples than this are dropped (lookup features `L:` always stay). */
  minCount?: number;
  /** Features whose best per-class chi-square is below this are dropped (lookup features always stay). */
  minChi2?: number;
}

/**
 * A trained classifier as plain data: what moves from the training worker to
 * the running bot (its arrays are transferable), so that swapping a model costs
 * no training on the thread that answers users.
 */
export interface ClassifierModel {
  options: Required<ClassifierOptions>;
  labels: Intent[];
  prior: Float64Array<ArrayBuffer>;
  features: string[];
  /** Row-major: for each feature in order, its log-likelihood under each label. */
  rows: Float64Array<ArrayBuffer>;
}

const DEFAULTS: Required<ClassifierOptions> = { temperature: 1, spread: 0.5, smoothing: 0.2, minCount: 1, minChi2: 0 };

/**
 * natural's BayesClassifier with a fast vectoriser: the stock one scans the
 * whole vocabulary with `indexOf` for every document (minutes on this data);
 * this one builds the same dense vector through an index. Training, the model
 * and `getClassifications` are natural's own.
 */
class IndexedBayes extends BayesClassifier {
  private index: Map<string, number> | null = null;
  override textToFeatures(observation: string[]): number[] {
    if (!this.index) this.index = new Map(Object.keys(this.features).map((f, i) => [f, i]));
    const dense = new Array<number>(this.index.size).fill(0);
    for (const f of observation) {
      const i = this.index.get(f);
      if (i !== undefined) dense[i] = 1;
    }
    return dense;
  }
  override train(): void {
    this.index = null;
    super.train();
  }
}

/**
 * Feature selection before training: keeps a feature when enough examples
 * show it and it tells the classes apart (its chi-square against the most
 * associated class). Rare character n-grams otherwise make naive Bayes
 * confident about noise.
 */
export function selectFeatures(examples: LabelledFeatures[], minCount: number, minChi2: number): Set<string> {
  const perClass = new Map<string, Map<Intent, number>>();
  const classSize = new Map<Intent, number>();
  for (const e of examples) {
    classSize.set(e.intent, (classSize.get(e.intent) ?? 0) + 1);
    for (const f of new Set(e.features)) {
      let row = perClass.get(f);
      if (!row) perClass.set(f, (row = new Map<Intent, number>()));
      row.set(e.intent, (row.get(e.intent) ?? 0) + 1);
    }
  }
  const n = examples.length;
  const keep = new Set<string>();
  for (const [f, row] of perClass) {
    if (f.startsWith('L:')) {
      keep.add(f);
      continue;
    }
    let df = 0;
    for (const c of row.values()) df += c;
    if (df < minCount) continue;
    if (minChi2 > 0) {
      let best = 0;
      for (const [intent, a] of row) {
        const size = classSize.get(intent) ?? 0;
        const b = df - a; // feature, other class
        const c = size - a; // class, no feature
        const d = n - df - c; // neither
        const den = df * (n - df) * size * (n - size);
        if (den > 0) best = Math.max(best, (n * (a * d - b * c) ** 2) / den);
      }
      if (best < minChi2) continue;
    }
    keep.add(f);
  }
  return keep;
}

/**
 * Intent classifier: trained with natural's BayesClassifier (after feature
 * selection), then read through a sparse path that gives natural's scores (in
 * log space, so long messages do not underflow to zero) in time proportional
 * to the message, not the vocabulary. Scores become probabilities by a softmax
 * whose temperature grows with the number of known features (naive Bayes
 * counts correlated n-grams as independent evidence, so a long message would
 * otherwise be over-confident); `confidence` is the top probability.
 */
export class IntentClassifier {
  readonly options: Required<ClassifierOptions>;
  private readonly labels: Intent[];
  private readonly prior: Float64Array;
  /** natural's trained model (absent on a classifier loaded from a `ClassifierModel`). */
  private readonly bayes: BayesClassifier | undefined;
  /** Per feature, its log-likelihood under each class. */
  private readonly table = new Map<string, Float64Array>();
  /** The same rows for the character n-gram features, keyed by `gramKey` (no string to hash). */
  private readonly grams = new Map<number, Float64Array>();
  /** Per lookup feature `L:<name>`, the sum of its rows and its weight copies' (`L:<name>#<i>`), and how many there are. */
  private readonly cues = new Map<string, { row: Float64Array; count: number }>();

  /** Trains on labelled features, or loads a model trained elsewhere (then `options` are the model's own). */
  constructor(source: LabelledFeatures[] | ClassifierModel, options: ClassifierOptions | number = {}) {
    if (!Array.isArray(source)) {
      this.options = { ...source.options };
      this.labels = [...source.labels];
      this.prior = source.prior;
      this.bayes = undefined;
      const n = this.labels.length;
      source.features.forEach((feature, i) => this.index(feature, source.rows.subarray(i * n, (i + 1) * n)));
      return;
    }
    const given = typeof options === 'number' ? { temperature: options } : options;
    this.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
    const { smoothing, minCount, minChi2 } = this.options;
    const usable = source.filter((e) => e.features.length > 0);
    const keep = minCount > 1 || minChi2 > 0 ? selectFeatures(usable, minCount, minChi2) : null;
    const bayes = new IndexedBayes(undefined, smoothing);
    for (const e of usable) {
      const kept = keep ? e.features.filter((f) => keep.has(f)) : e.features;
      if (kept.length > 0) bayes.addDocument(kept, e.intent);
    }
    bayes.train();
    this.bayes = bayes;
    const model = bayes.classifier;
    this.labels = Object.keys(model.classFeatures) as Intent[];
    this.prior = Float64Array.from(this.labels, (l) => Math.log((model.classTotals[l] ?? 1) / model.totalExamples));
    Object.keys(bayes.features).forEach((feature, i) => {
      this.index(
        feature,
        Float64Array.from(this.labels, (l) => Math.log((model.classFeatures[l]?.[i] || model.smoothing) / (model.classTotals[l] ?? 1))),
      );
    });
  }

  /** natural's trained model, kept for the test that the sparse path agrees with it. */
  get natural(): BayesClassifier {
    if (!this.bayes) throw new Error('a classifier loaded from a model has no natural classifier');
    return this.bayes;
  }

  /** Files one feature's row where the sparse paths look it up. */
  private index(feature: string, row: Float64Array): void {
    this.table.set(feature, row);
    if (feature.startsWith('c:')) this.grams.set(gramKey(feature.slice(2)), row);
    if (feature.startsWith('L:')) {
      const base = feature.replace(/#\d+$/, '');
      const cue = this.cues.get(base) ?? { row: new Float64Array(row.length), count: 0 };
      for (let c = 0; c < row.length; c++) cue.row[c]! += row[c]!;
      cue.count++;
      this.cues.set(base, cue);
    }
  }

  /** The trained model as plain data (fresh arrays, safe to transfer to another thread). */
  model(): ClassifierModel {
    const n = this.labels.length;
    const features = [...this.table.keys()];
    const rows = new Float64Array(features.length * n);
    features.forEach((f, i) => rows.set(this.table.get(f)!, i * n));
    return { options: { ...this.options }, labels: [...this.labels], prior: Float64Array.from(this.prior), features, rows };
  }

  /** Log scores per label, exactly natural's `probabilityOfClass` before its final `exp`. Features must be distinct. */
  logScores(features: readonly string[]): { labels: Intent[]; scores: Float64Array; known: number } {
    const scores = Float64Array.from(this.prior);
    const n = scores.length;
    let known = 0;
    for (let i = 0; i < features.length; i++) {
      const row = this.table.get(features[i]!);
      if (!row) continue;
      known++;
      for (let c = 0; c < n; c++) scores[c]! += row[c]!;
    }
    return { labels: this.labels, scores, known };
  }

  /** Classifies one message's (distinct) features. */
  classify(features: readonly string[]): Classification {
    const { scores, known } = this.logScores(features);
    return this.decide(scores, known);
  }

  /**
   * Classifies a `FeatureBag` and lookup features given as `L:<name>` without
   * their weight copies: the same answer as `classify` on all those features, faster.
   */
  classifyBag(bag: FeatureBag, cues: readonly string[] = []): Classification {
    const { scores, known: fromWords } = this.logScores(bag.words);
    let known = fromWords;
    const n = scores.length;
    for (const name of cues) {
      const cue = this.cues.get(name);
      if (!cue) continue;
      known += cue.count;
      for (let c = 0; c < n; c++) scores[c]! += cue.row[c]!;
    }
    for (const key of bag.grams) {
      const row = this.grams.get(key);
      if (!row) continue;
      known++;
      for (let c = 0; c < n; c++) scores[c]! += row[c]!;
    }
    return this.decide(scores, known);
  }

  /** Log scores to a calibrated answer; the full ranking is computed only when read. */
  private decide(scores: Float64Array, known: number): Classification {
    const labels = this.labels;
    const t = this.options.temperature * Math.max(1, known) ** this.options.spread;
    let best = 0;
    for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
    const max = scores[best]!;
    let sum = 0;
    for (let c = 0; c < scores.length; c++) sum += scores[c] = Math.exp((scores[c]! - max) / t);
    let ranking: Classification['ranking'] | undefined;
    return {
      intent: labels[best]!,
      confidence: known === 0 ? 0 : 1 / sum,
      known,
      get ranking() {
        ranking ??= labels.map((intent, c) => ({ intent, p: scores[c]! / sum })).sort((a, b) => b.p - a.p);
        return ranking;
      },
    };
  }
}
