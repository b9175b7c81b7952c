/**
 * What the training worker computes, as plain functions of plain data (so
 * they are tested without a thread): a model built from the shipped examples
 * plus learned ones, and the comparison of the running model with a retrained
 * one on the frozen evaluation set and by k-fold cross-validation.
 */
import { z } from 'zod';
import { INTENTS } from '../core/types.js';
import type { ClassifierModel } from '../nlu/classifier.js';
import { crossValidate, judge, scoreJudged, type Labelled } from '../nlu/evaluate.js';
import { Nlu } from '../nlu/index.js';
import { loadTrainingData, type TrainingExample } from '../nlu/training.js';
import { LearnedSchema, type CvFigures, type TrainingFigures } from './types.js';

const Lab = z.object({ text: z.string(), intent: z.enum(INTENTS) });

/** A job for the worker: build one version's model, or compare the running model with a retrained one. */
export const JobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('build'), learned: z.array(LearnedSchema) }),
  z.object({
    kind: z.literal('compare'),
    /** The running model's learned examples. */
    current: z.array(LearnedSchema),
    /** The retrained model's learned examples (the running ones plus the labelled items). */
    next: z.array(LearnedSchema),
    frozen: z.array(Lab),
    folds: z.number().int().min(0).max(20),
    /** How many labelled items `next` adds (reported in the figures). */
    items: z.number().int().min(0),
  }),
]);
export type RetrainJob = z.infer<typeof JobSchema>;

/** A step of a long job, for the logs. */
export interface Progress {
  step: string;
  done: number;
  of: number;
}

/** What a job gives back: the model to load and, for a comparison, its figures. */
export interface RetrainResult {
  model: ClassifierModel;
  figures: TrainingFigures | null;
}

/** The cross-validation figures of a set of examples, or null when `folds` is 0. */
function cv(examples: TrainingExample[], folds: number, progress: (fold: number, of: number) => void): CvFigures | null {
  if (folds < 2) return null;
  const s = scoreJudged(crossValidate(examples, folds, {}, progress));
  return { accuracy: s.accuracy, macro_f1: s.macroF1, n: s.n, folds };
}

/** Runs one job; `shipped` defaults to the `intents/` files. */
export function runJob(job: RetrainJob, progress: (p: Progress) => void = () => undefined, shipped = loadTrainingData()): RetrainResult {
  if (job.kind === 'build') {
    progress({ step: 'train', done: 0, of: 1 });
    return { model: new Nlu({ examples: [...shipped, ...job.learned] }).classifier.model(), figures: null };
  }
  const of = 3 + 2 * (job.folds >= 2 ? job.folds : 0);
  let done = 0;
  const step = (name: string) => progress({ step: name, done: done++, of });
  step('train running model');
  const before = new Nlu({ examples: [...shipped, ...job.current] });
  step('train retrained model');
  const after = new Nlu({ examples: [...shipped, ...job.next] });
  step('score frozen set');
  const frozen: Labelled[] = job.frozen;
  const figures: TrainingFigures = {
    accuracy_before: scoreJudged(judge(before, frozen)).accuracy,
    accuracy_after: scoreJudged(judge(after, frozen)).accuracy,
    frozen: frozen.length,
    items: job.items,
    cv_before: cv([...shipped, ...job.current], job.folds, (f, k) => step(`cross-validate running model, fold ${f}/${k}`)),
    cv_after: cv([...shipped, ...job.next], job.folds, (f, k) => step(`cross-validate retrained model, fold ${f}/${k}`)),
  };
  return { model: after.classifier.model(), figures };
}
