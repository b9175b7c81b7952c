import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS, type Intent, type Lang } from '../core/types.js';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import { BotError } from '../core/errors.js';

const Example = z.string().trim().min(1).max(300);
const IntentFile = z.object({
  intent: z.enum(INTENTS),
  examples: z.object({ ja: z.array(Example), en: z.array(Example) }),
});

/** One training example. */
export interface TrainingExample {
  text: string;
  intent: Intent;
  lang: Lang;
}

/**
 * Loads every `intents/<intent>.json` (one file per intent, named after it),
 * validated with zod. Files not named after an intent (entities.json) are skipped.
 */
export function loadTrainingData(dir = fromRoot('intents')): TrainingExample[] {
  const out: TrainingExample[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && (INTENTS as readonly string[]).includes(f.slice(0, -5)));
  for (const file of files.sort()) {
    const data = loadJson(join(dir, file), IntentFile);
    if (`${data.intent}.json` !== file) throw new BotError('bad_data', `${file} holds intent ${data.intent}`);
    for (const lang of ['ja', 'en'] as const) for (const text of data.examples[lang]) out.push({ text, intent: data.intent, lang });
  }
  if (out.length === 0) throw new BotError('bad_data', `no training examples in ${dir}`);
  return out;
}
