import { z } from 'zod';
import { loadJson, regexSource } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import { PLACEHOLDER } from './entities.js';
import { foldKana } from './normalise.js';

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
  SPMODE: PLACEHOLDER.spMode,
  WIFI_OFF: PLACEHOLDER.wifiOff,
  TOPIC: PLACEHOLDER.topic,
  NEVER_DOCOMO: PLACEHOLDER.neverDocomo,
};
const withTokens = (pattern: string) => pattern.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => TOKENS[name] ?? whole);

/** A regular expression that compiles (after its `{TOKEN}`s are replaced). */
const Pattern = regexSource(withTokens, 'u');
const CueName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'cue names are lower-case words');
const LookupFile = z
  .object({
    /** Cue name → patterns; any match adds the feature `L:<cue>`. */
    cues: z.record(CueName, z.array(Pattern).min(1)),
    /**
     * How many copies of a feature to add (more weight in naive Bayes); 1 when absent.
     * Keys are cue names or the derived features `nocause`, `none`, `only_<cause>`.
     */
    weights: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.number().int().min(1).max(16)).default({}),
    /**
     * `L:nocause` is added when one of `login` fires and none of `causes` or `blockers` does
     * (a blocker says the message is not a login failure of d払い: another app, thanks for a fix),
     * `L:only_<cause>` when exactly one cause fires, `L:none` when no cue at all does.
     */
    nocause: z.object({ login: z.array(CueName).min(1), causes: z.array(CueName).min(1), blockers: z.array(CueName).default([]) }),
    /**
     * Negation the classifier sees: a cue of `cues` whose every match is negated
     * (`after`: within `window` characters after it, 「乗り換えてない」; `before`:
     * just before it, "never switched") fires as `L:<cue>_not` instead, and is no cause.
     */
    negation: z
      .object({
        $comment: z.string().optional(),
        cues: z.array(CueName).min(1),
        after: z.array(Pattern).min(1),
        before: z.array(Pattern).min(1),
        window: z.number().int().min(1).max(30),
      })
      .optional(),
  })
  .superRefine((data, ctx) => {
    const negated = (data.negation?.cues ?? []).map((c) => `${c}_not`);
    const derived = new Set(['nocause', 'none', 'code_and_cause', ...data.nocause.causes.map((c) => `only_${c}`), ...negated]);
    for (const name of [...data.nocause.login, ...data.nocause.causes, ...data.nocause.blockers, ...(data.negation?.cues ?? [])]) {
      if (!(name in data.cues)) ctx.addIssue({ code: 'custom', message: `unknown cue "${name}"`, path: ['nocause', name] });
    }
    for (const name of Object.keys(data.weights)) {
      if (!(name in data.cues) && !derived.has(name)) ctx.addIssue({ code: 'custom', message: `unknown cue "${name}"`, path: ['weights', name] });
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
  private readonly cues: { name: string; re: RegExp; all?: RegExp }[];
  private readonly negation: { after: RegExp; before: RegExp; window: number } | null;
  private readonly login: Set<string>;
  private readonly causes: Set<string>;
  private readonly blockers: Set<string>;
  private readonly copies = new Map<string, string[]>();
  private readonly weights: Record<string, number>;

  constructor(data: LookupData = loadLookupData()) {
    const negatable = new Set(data.negation?.cues ?? []);
    this.cues = Object.entries(data.cues).map(([name, patterns]) => {
      const source = patterns.map((p) => `(?:${foldKana(withTokens(p))})`).join('|');
      return { name, re: new RegExp(source, 'u'), ...(negatable.has(name) ? { all: new RegExp(source, 'gu') } : {}) };
    });
    const n = data.negation;
    this.negation = n
      ? { after: new RegExp(`^(?:${n.after.map(foldKana).join('|')})`, 'u'), before: new RegExp(`(?:${n.before.join('|')})$`, 'u'), window: n.window }
      : null;
    this.login = new Set(data.nocause.login);
    this.causes = new Set(data.nocause.causes);
    this.blockers = new Set(data.nocause.blockers);
    this.weights = data.weights;
  }

  /** The names of the cues a masked message matches (`<cue>_not` for a negated one). */
  cuesOf(masked: string): string[] {
    const text = foldKana(masked);
    const out: string[] = [];
    for (const c of this.cues) {
      if (!c.re.test(text)) continue;
      out.push(c.all && this.negated(text, c.all) ? `${c.name}_not` : c.name);
    }
    return out;
  }

  /** Whether every match of a cue is negated: 「乗り換えてない」 (negation after it), "never switched" (before it). */
  private negated(text: string, all: RegExp): boolean {
    const { after, before, window } = this.negation!;
    all.lastIndex = 0;
    for (let m = all.exec(text); m; m = all.exec(text)) {
      const end = m.index + m[0].length;
      if (!after.test(text.slice(end, end + window)) && !before.test(text.slice(Math.max(0, m.index - 2 * window), m.index))) return false;
      if (m[0].length === 0) all.lastIndex++;
    }
    return true;
  }

  /** `L:<name>` and its weight copies `L:<name>#1`, `L:<name>#2`… */
  private feature(name: string): string[] {
    let out = this.copies.get(name);
    if (!out) {
      out = Array.from({ length: this.weights[name] ?? 1 }, (_, i) => (i === 0 ? `L:${name}` : `L:${name}#${i}`));
      this.copies.set(name, out);
    }
    return out;
  }

  /** The lookup features of a masked message: its cues, and `L:nocause`, `L:only_<cause>` or `L:none`, each with its weight copies. */
  features(masked: string): string[] {
    return this.names(masked).flatMap((name) => this.feature(name));
  }

  /**
   * The same features without their weight copies, as `L:<name>`: a copy always
   * comes with its feature, so the classifier can add them up in one step.
   */
  baseFeatures(masked: string): string[] {
    return this.names(masked).map((name) => this.feature(name)[0]!);
  }

  private names(masked: string): string[] {
    const fired = this.cuesOf(masked);
    const out = [...fired];
    const causes = fired.filter((name) => this.causes.has(name));
    if (fired.length === 0) out.push('none');
    else if (causes.length === 1) out.push(`only_${causes[0]}`);
    else if (causes.length === 0 && fired.some((name) => this.login.has(name)) && !fired.some((name) => this.blockers.has(name))) out.push('nocause');
    // An error code said together with its cause (Wi-Fi, a carrier change…) is about the cause, not the code.
    if (causes.length > 1 && causes.includes('code')) out.push('code_and_cause');
    return out;
  }
}
