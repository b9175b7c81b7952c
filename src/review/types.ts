/**
 * What the review inbox and model training share across layers (store,
 * service, API, worker): item statuses, the lines shown around an item, and
 * the figures of a training run, with the zod schemas that check them
 * wherever they come back from JSON.
 */
import { z } from 'zod';
import { INTENTS } from '../core/types.js';

export const REVIEW_STATUSES = ['new', 'labelled', 'ignored', 'applied'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A transcript line shown around an inbox item (masked, as the transcript holds it). */
export const ContextLineSchema = z.object({ role: z.enum(['user', 'bot', 'agent', 'system']), text: z.string(), at: z.number() });
export type ContextLine = z.infer<typeof ContextLineSchema>;

/** Cross-validation figures of one model: accuracy and macro-F1 over `n` held-out examples. */
const CvSchema = z.object({ accuracy: z.number(), macro_f1: z.number(), n: z.number().int(), folds: z.number().int() });
export type CvFigures = z.infer<typeof CvSchema>;

/**
 * What a training run measured: intent accuracy of the running model (before)
 * and of the retrained one (after) on the frozen evaluation set, and each
 * model's k-fold cross-validation (reported, never gated).
 */
export const FiguresSchema = z.object({
  accuracy_before: z.number(),
  accuracy_after: z.number(),
  /** How many messages the frozen set had (the committed file plus every item applied earlier). */
  frozen: z.number().int(),
  /** How many labelled items the run taught. */
  items: z.number().int(),
  cv_before: CvSchema.nullable(),
  cv_after: CvSchema.nullable(),
});
export type TrainingFigures = z.infer<typeof FiguresSchema>;

/** One learned example as the database keeps it and the export writes it. */
export const LearnedSchema = z.object({ text: z.string(), intent: z.enum(INTENTS), lang: z.enum(['ja', 'en']) });
