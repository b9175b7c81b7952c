/** `npm run -s export-training`: every training example as a JSON line {"text","intent","lang"}. */
import { loadTrainingData } from '../nlu/training.js';

process.stdout.write(
  loadTrainingData()
    .map((e) => JSON.stringify(e))
    .join('\n') + '\n',
);
