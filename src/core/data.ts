import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BotError } from './errors.js';

/**
 * Reads a JSON data file and validates it, so that a support team's typo
 * fails at start-up with the file and the path of the bad value named.
 */
export function loadJson<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BotError('bad_data', `${file}: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ');
    throw new BotError('bad_data', `${file}: ${where}`, parsed.error.issues);
  }
  return parsed.data;
}
