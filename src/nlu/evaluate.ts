/**
 * Evaluation of the classifier, shared by `npm run eval` and the training
 * worker: a trained NLU run over labelled messages, and stratified k-fold
 * cross-validation on training examples. Scoring itself is `metrics.ts`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENTS, type Intent } from '../core/types.js';
import { BotError, formatIssues } from '../core/errors.js';
import { Nlu, type NluOptions, type Understanding } from './index.js';
import { score, type Scores } from './metrics.js';
import type { TrainingExample } from './training.js';

/** A message with its gold intent. */
export interface Labelled {
  text: string;
  intent: Intent;
}

const Utterance = z.object({ text: z.string().trim().min(1), intent: z.enum(INTENTS), lang: z.enum(['ja', 'en']).optional() });

/** Reads a labelled JSONL file (`{"text","intent","lang"?}` a line, as in ../shared/eval/FORMAT.md), validated line by line. */
export function readLabelled(file: string): (Labelled & { lang?: 'ja' | 'en' })[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      let raw: unknown;
      try {
        raw = JSON.parse(l);
      } catch (e) {
        throw new BotError('bad_data', `${file} line ${i + 1}: ${(e as Error).message}`);
      }
      const parsed = Utterance.safeParse(raw);
      if (!parsed.success) throw new BotError('bad_data', `${file} line ${i + 1}: ${formatIssues(parsed.error.issues, 1)}`);
      return parsed.data;
    });
}

/** What a model made of one labelled message, beside its gold intent. */
export type Judged = Understanding & { gold: Intent };

/** Runs a trained NLU over labelled messages. */
export function judge(nlu: Nlu, test: readonly Labelled[]): Judged[] {
  return test.map((t) => ({ gold: t.intent, ...nlu.understand(t.text) }));
}

/** The scores of judged messages (gold against final intent, out-of-scope threshold included). */
export function scoreJudged(judged: readonly Judged[]): Scores {
  return score(
    judged.map((j) => j.gold),
    judged.map((j) => j.intent),
  );
}

/**
 * Stratified k-fold cross-validation, like `rasa test nlu`: each intent's
 * examples are dealt round-robin into `k` folds; each fold is judged by a
 * model trained on the others. `progress` hears of each fold as it starts.
 */
export function crossValidate(
  examples: readonly TrainingExample[],
  k: number,
  options: NluOptions = {},
  progress?: (fold: number, of: number) => void,
): Judged[] {
  const fold = new Map<TrainingExample, number>();
  const seen = new Map<string, number>();
  for (const e of examples) {
    const n = seen.get(e.intent) ?? 0;
    fold.set(e, n % k);
    seen.set(e.intent, n + 1);
  }
  const out: Judged[] = [];
  for (let f = 0; f < k; f++) {
    progress?.(f + 1, k);
    const nlu = new Nlu({ ...options, examples: examples.filter((e) => fold.get(e) !== f) });
    out.push(
      ...judge(
        nlu,
        examples.filter((e) => fold.get(e) === f),
      ),
    );
  }
  return out;
}
