import { z } from 'zod';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import { PLACEHOLDER } from './entities.js';

/** `{CODE}`, `{WIFI}`… in a lookup pattern stand for the extractor's placeholder characters. */
const TOKENS: Record<string, string> = {
  CODE: PLACEHOLDER.code,
  DOCOMO: PLACEHOLDER.docomoLine,
  CARRIER: PLACEHOLDER.otherCarrier,
  PAST_DOCOMO: PLACEHOLDER.pastDocomo,
  WIFI: PLACEHOLDER.wifi,
  MOBILE: PLACEHOLDER.mobile,
  DEVICE: PLACEHOLDER.device,
  VERSION: PLACEHOLDER.version,
};
const withTokens = (pattern: string) => pattern.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => TOKENS[name] ?? whole);

/** A regular expression that compiles (after its `{TOKEN}`s are replaced). */
const Pattern = z
  .string()
  .min(1)
  .refine(
    (p) => {
      try {
        new RegExp(withTokens(p), 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );
const CueName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'cue names are lower-case words');
const LookupFile = z
  .object({
    /** Cue name → patterns; any match adds the feature `L:<cue>`. */
    cues: z.record(CueName, z.array(Pattern).min(1)),
    /** How many copies of a cue's feature to add (more weight in naive Bayes); 1 when absent. */
    weights: z.record(CueName, z.number().int().min(1).max(8)).default({}),
    /** `L:nocause` is added when one of `login` fires and none of `causes` does. */
    nocause: z.object({ login: z.array(CueName).min(1), causes: z.array(CueName).min(1) }),
  })
  .superRefine((data, ctx) => {
    const names = [...Object.keys(data.weights), ...data.nocause.login, ...data.nocause.causes];
    for (const name of names) {
      if (!(name in data.cues)) ctx.addIssue({ code: 'custom', message: `unknown cue "${name}"`, path: ['cues', name] });
    }
  });
export type LookupData = z.infer<typeof LookupFile>;

/** Loads and checks `intents/lookups.json` (or another file of its shape). */
export function loadLookupData(file = fromRoot('intents', 'lookups.json')): LookupData {
  return loadJson(file, LookupFile);
}

/**
 * Rasa-style lookup-table features: each cue is a list of regular expressions
 * (data, so a support team can add a word), matched on the masked, normalised
 * message. They let a handful of telling words (乗り換え, update, さっき) count
 * for more than the many generic n-grams of 「ログインできない」, and `L:nocause`
 * lets naive Bayes see what it cannot otherwise: that no cause was given.
 */
export class LookupFeatures {
  private readonly cues: { name: string; re: RegExp; copies: string[] }[];
  private readonly login: Set<string>;
  private readonly causes: Set<string>;

  constructor(data: LookupData = loadLookupData()) {
    this.cues = Object.entries(data.cues).map(([name, patterns]) => {
      const n = data.weights[name] ?? 1;
      const copies = Array.from({ length: n }, (_, i) => (i === 0 ? `L:${name}` : `L:${name}#${i}`));
      return { name, re: new RegExp(patterns.map((p) => `(?:${withTokens(p)})`).join('|'), 'u'), copies };
    });
    this.login = new Set(data.nocause.login);
    this.causes = new Set(data.nocause.causes);
  }

  /** The names of the cues a masked message matches. */
  cuesOf(masked: string): string[] {
    return this.cues.filter((c) => c.re.test(masked)).map((c) => c.name);
  }

  /** The lookup features of a masked message: `L:<cue>` (and its weight copies), maybe `L:nocause`. */
  features(masked: string): string[] {
    const out: string[] = [];
    let login = false;
    let cause = false;
    for (const c of this.cues) {
      if (!c.re.test(masked)) continue;
      out.push(...c.copies);
      if (this.login.has(c.name)) login = true;
      if (this.causes.has(c.name)) cause = true;
    }
    if (login && !cause) out.push('L:nocause');
    return out;
  }
}
