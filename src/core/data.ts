import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BotError, formatIssues } from './errors.js';

/**
 * Reads a JSON data file and validates it, so that a support team's typo
 * fails at start-up with the file and the path of the bad value named.
 */
export function loadJson<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BotError('bad_data', `${file}: ${(e as Error).message}`, undefined, { cause: e });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new BotError('bad_data', `${file}: ${formatIssues(parsed.error.issues, 5, '(top)')}`);
  }
  return parsed.data;
}

/** Whether a regular expression's source compiles (with `flags`). */
export function compiles(source: string, flags = ''): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

/**
 * A regular expression in a data file: a non-empty string that compiles once
 * `prepare` has run on it (lookup cues replace their `{TOKEN}`s first).
 */
export const regexSource = (prepare: (source: string) => string = (s) => s, flags = '') =>
  z
    .string()
    .min(1)
    .refine((p) => compiles(prepare(p), flags), { message: 'not a valid regular expression' });
