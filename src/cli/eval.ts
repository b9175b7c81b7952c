/**
 * `npm run eval [-- FILE] [--folds K] [--threshold X] [--temperature T]`, like `rasa test nlu`:
 * without FILE, stratified k-fold cross-validation on `intents/`; with FILE
 * (utterances in ../shared/eval/FORMAT.md format), train on all of `intents/`
 * and score FILE. Prints per-intent precision/recall/F1 and a confusion matrix.
 */
import { parseArgs } from 'node:util';
import { Nlu } from '../nlu/index.js';
import { loadTrainingData } from '../nlu/training.js';
import { formatScores } from '../nlu/metrics.js';
import { crossValidate, judge, readLabelled, scoreJudged, type Judged } from '../nlu/evaluate.js';

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

let results: Judged[];
if (positionals[0]) {
  results = judge(new Nlu({ examples, ...tuning }), readLabelled(positionals[0]));
} else {
  results = crossValidate(examples, Math.max(2, Number(values.folds)), tuning, (f, k) => process.stderr.write(`fold ${f}/${k}\r`));
  process.stderr.write('\n');
}
console.log(formatScores(scoreJudged(results)));
const errors = results.filter((r) => r.gold !== r.intent).slice(0, Number(values.errors));
for (const e of errors) console.log(`  ${e.gold} -> ${e.intent} (${e.confidence.toFixed(2)}): ${e.text}`);
