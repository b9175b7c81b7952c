/**
 * `npm run eval [-- FILE] [--folds K] [--threshold X] [--temperature T]`, like `rasa test nlu`:
 * without FILE, stratified k-fold cross-validation on `intents/`; with FILE
 * (utterances in ../shared/eval/FORMAT.md format), train on all of `intents/`
 * and score FILE. Prints per-intent precision/recall/F1 and a confusion matrix.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Nlu } from '../nlu/index.js';
import { loadTrainingData, type TrainingExample } from '../nlu/training.js';
import { formatScores, score } from '../nlu/metrics.js';
import { INTENTS } from '../core/types.js';
import { BotError, formatIssues } from '../core/errors.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '5' },
    threshold: { type: 'string' },
    temperature: { type: 'string' },
    errors: { type: 'string', default: '0' },
  },
});
const tuning = {
  threshold: values.threshold ? Number(values.threshold) : undefined,
  temperature: values.temperature ? Number(values.temperature) : undefined,
};
const examples = loadTrainingData();
const Utterance = z.object({ text: z.string(), intent: z.enum(INTENTS), lang: z.enum(['ja', 'en']).optional() });

function run(train: TrainingExample[], test: { text: string; intent: string }[]) {
  const nlu = new Nlu({ examples: train, ...tuning });
  return test.map((t) => ({ gold: t.intent, ...nlu.understand(t.text) }));
}

let results: ReturnType<typeof run>;
if (positionals[0]) {
  const test = readFileSync(positionals[0], 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = Utterance.safeParse(JSON.parse(l));
      if (!parsed.success) throw new BotError('bad_data', `${positionals[0]} line ${i + 1}: ${formatIssues(parsed.error.issues, 1)}`);
      return parsed.data;
    });
  results = run(examples, test);
} else {
  const k = Math.max(2, Number(values.folds));
  // Stratified: deal each intent's examples round-robin into the folds.
  const fold = new Map<TrainingExample, number>();
  const seen = new Map<string, number>();
  for (const e of examples) {
    const n = seen.get(e.intent) ?? 0;
    fold.set(e, n % k);
    seen.set(e.intent, n + 1);
  }
  results = [];
  for (let f = 0; f < k; f++) {
    process.stderr.write(`fold ${f + 1}/${k}\r`);
    results.push(
      ...run(
        examples.filter((e) => fold.get(e) !== f),
        examples.filter((e) => fold.get(e) === f),
      ),
    );
  }
  process.stderr.write('\n');
}
console.log(
  formatScores(
    score(
      results.map((r) => r.gold),
      results.map((r) => r.intent),
    ),
  ),
);
const errors = results.filter((r) => r.gold !== r.intent).slice(0, Number(values.errors));
for (const e of errors) console.log(`  ${e.gold} -> ${e.intent} (${e.confidence.toFixed(2)}): ${e.text}`);
