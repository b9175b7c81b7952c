import { z } from 'zod';
import { compiles, loadJson, regexSource } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import { eitherKana, foldKana, normalise } from './normalise.js';
import { FuzzyWords } from './fuzzy.js';
import { firstChars } from './first-chars.js';
import { LatinReader, type LatinVocabulary } from './romaji.js';

/** `{NAME}` in a dialect pattern stands for the macro of that name. */
const MACRO = /\{([A-Z_]+)\}/g;
export const expand = (pattern: string, macros: Record<string, string>) => pattern.replace(MACRO, (whole, name: string) => macros[name] ?? whole);

/** How many capturing groups a pattern has (dialect rules may have none: the rule's own group tells which matched). */
const groupsOf = (source: string) => new RegExp(`${source}|`).exec('')!.length - 1;

const Pattern = regexSource();
const Rule = z.object({ $comment: z.string().optional(), from: z.string().min(1), to: z.string() });
const Words = z.array(z.string().regex(/^[a-z']+$/, 'lower-case Latin words'));

const DialectFile = z
  .object({
    $comment: z.string().optional(),
    macros: z.record(z.string().regex(/^[A-Z_]+$/), z.string().min(1)),
    dialect: z.array(z.array(Rule).min(1)).min(1),
    spelling: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
    letters: z.record(z.string().regex(/^[a-z]{1,5}$/), z.array(z.string().min(1)).min(1)),
    romaji: z.object({
      $comment: z.string().optional(),
      shape: Pattern,
      grammar: Pattern,
      particles: Words,
      names: Words,
      latin: z.record(z.string().regex(/^[a-z]+$/), z.string().min(1)),
      kana: z.record(z.string().regex(/^[\u3041-\u3096ー]{2,}$/, 'hiragana, two characters or more'), z.string().min(1)),
    }),
    english: z.object({ $comment: z.string().optional(), words: Words, corrections: Words, slang: z.record(z.string().min(1), z.string().min(1)) }),
  })
  .superRefine((data, ctx) => {
    data.dialect.forEach((pass, i) =>
      pass.forEach((rule, j) => {
        const source = expand(rule.from, data.macros);
        const path = ['dialect', i, j, 'from'];
        const unknown = [...source.matchAll(MACRO)].map((m) => m[1]);
        if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown macro {${unknown.join('}, {')}}`, path });
        else if (!compiles(source)) ctx.addIssue({ code: 'custom', message: 'not a valid regular expression', path });
        else if (groupsOf(source) > 0) ctx.addIssue({ code: 'custom', message: 'capturing group: use (?:...)', path });
      }),
    );
  });
export type DialectData = z.infer<typeof DialectFile>;

/** Loads and checks `intents/dialect.json` (or another file of its shape). */
export function loadDialectData(file = fromRoot('intents', 'dialect.json')): DialectData {
  return loadJson(file, DialectFile);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF]/;
const CODE_DIGITS = /\d{4}/;
const KANA = /[\u3041-\u30FA]/;
const SPACES = /\s+/g;

/** Rules as one sticky regular expression, each rule in its own group, and each rule's standard form. */
interface Rules {
  re: RegExp;
  to: string[];
}

/** A rule compiled on its own, sticky (it matches where it is tried), and its standard form. */
interface Rule {
  re: RegExp;
  to: string;
}

/**
 * One dialect pass. Indexed by first character when every rule's can be told
 * (`first-chars.ts`): at each position only the rules that can start with its
 * character are tried, in their order, each compiled once. Otherwise all rules
 * as one regular expression.
 */
export type Pass = { rules: Rule[]; byFirst: Map<number, number[]>; starts: Uint8Array } | { all: Rules };

/**
 * Reads non-standard writing as standard before anything else looks at a
 * message, from the tables of `intents/dialect.json`: Latin words (romaji
 * Japanese, misspelt brands, English typos and chat abbreviations: see
 * `LatinReader`), kana and misspelt spellings of a few words (ろぐいん,
 * でぃーばらい, whatever the mix of hiragana and katakana), error codes
 * spelt in kana (ふぇす1003), then dialect, keigo and slang forms in passes
 * (でけへん → できない, ドコモやで → ドコモだよ, 乗り換えてへん → 乗り換えてない,
 * あかんかった → だめだった). Each step runs only when a cheap test says the
 * message can need it.
 */
export class Standardiser {
  private readonly latin: LatinReader;
  private readonly passes: Pass[];
  private readonly spelling: RegExp;
  private readonly spelt = new Map<string, string>();
  private readonly letterRun: RegExp;
  private readonly letter: RegExp;
  private readonly letters = new Map<string, string>();

  constructor(data: DialectData, vocabulary: LatinVocabulary) {
    this.latin = new LatinReader(data, vocabulary);
    this.passes = data.dialect.map((rules) => dialectPass(rules.map((r) => ({ from: expand(r.from, data.macros), to: r.to }))));
    for (const [standard, variants] of Object.entries(data.spelling)) for (const v of variants) this.spelt.set(foldKana(v), standard);
    this.spelling = alternation([...this.spelt.keys()], 'g');
    for (const [letters, names] of Object.entries(data.letters)) for (const n of names) this.letters.set(foldKana(n), letters);
    this.letter = alternation([...this.letters.keys()], 'g');
    this.letterRun = new RegExp(`(?<![\\u3041-\\u3096\\u30A1-\\u30F6a-z])(?:${this.letter.source})+(?=[\\s\\-ー]?\\d{4,6}(?!\\d))`, 'g');
  }

  /** The normalised message read as standard Japanese / English. */
  standardise(normalised: string): string {
    let text = this.latin.read(normalised);
    if (!JAPANESE.test(text)) return text;
    text = text.replace(this.spelling, (m) => this.spelt.get(foldKana(m)) ?? m);
    if (CODE_DIGITS.test(text) && KANA.test(text)) text = text.replace(this.letterRun, (m) => this.spellCode(m));
    for (const pass of this.passes) text = applyPass(pass, text);
    return text === normalised ? text : text.replace(SPACES, ' ').trim();
  }

  /** Kana letter names as the letters of a code: ふぇす → fes, けーぴー → kp (a separator before the digits stays, as codes allow). */
  private spellCode(kana: string): string {
    return kana.replace(this.letter, (name) => this.letters.get(foldKana(name)) ?? name);
  }
}

/** One dialect pass, left to right: at each position the first rule that matches there is replaced by its standard form. */
export function applyPass(pass: Pass, text: string): string {
  if ('all' in pass) return text.replace(pass.all.re, (...args: unknown[]) => standardOf(pass.all, args));
  let out = '';
  let last = 0;
  const { rules, byFirst, starts } = pass;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (starts[c] === 0) continue; // most characters start no rule: one array read
    for (const r of byFirst.get(c)!) {
      const rule = rules[r]!;
      rule.re.lastIndex = i;
      const m = rule.re.exec(text);
      if (!m) continue;
      out += text.slice(last, i) + rule.to;
      last = i + m[0].length;
      i = last - 1;
      break;
    }
  }
  return last === 0 && out === '' ? text : out + text.slice(last);
}

/** A dialect pass built from its (macro-expanded) rules: indexed by first character when each rule's can be told (`indexed: false`, for tests: never). */
export function dialectPass(rules: { from: string; to: string }[], indexed = true): Pass {
  const compile = (list: { from: string; to: string }[], flags: string): Rules => ({
    re: new RegExp(list.map((r) => `(${r.from})`).join('|'), flags),
    to: list.map((r) => r.to),
  });
  const firsts = rules.map((r) => firstChars(r.from));
  if (!indexed || firsts.some((f) => f === undefined)) return { all: compile(rules, 'g') };
  const byFirst = new Map<number, number[]>();
  const starts = new Uint8Array(0x10000);
  firsts.forEach((f, i) => {
    for (const c of f!) {
      byFirst.set(c, [...(byFirst.get(c) ?? []), i]);
      starts[c] = 1;
    }
  });
  return { rules: rules.map((r) => ({ re: new RegExp(r.from, 'y'), to: r.to })), byFirst, starts };
}

/** The standard form of the rule whose group matched (`args`: a match, or `replace`'s arguments). */
function standardOf(rules: Rules, args: ArrayLike<unknown>): string {
  for (let i = 1; i <= rules.to.length; i++) if (args[i] !== undefined) return rules.to[i - 1]!;
  return '';
}

/** One regular expression for a list of literal forms (kana in either script: `eitherKana`), the longest first. */
function alternation(forms: string[], flags: string): RegExp {
  return new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map((f) => eitherKana(escape(f)))
      .join('|'),
    flags,
  );
}

const LATIN_WORDS = /[a-z][a-z']*/g;
const KANA_WORD = /^[\u3041-\u3096ー]+$/;
/** How often the training examples may use a word for it to count as a typo when it is one slip from a correction target. */
const RARE = 2;

/**
 * The Latin words the reader knows. English: every word of the English
 * training examples (but a rare one a slip away from a correction target,
 * a typo the examples hold on purpose) and the extra words of `dialect.json`; typos are
 * corrected towards `english.corrections` only (weighted by how often the
 * training examples use each), a short list of words that matter, so that a
 * real word the examples never used is left alone. Names: the `romaji.names`
 * of `dialect.json` (barai), the Latin words of the entity synonyms (docomo,
 * softbank, iphone, wifi…) and the words that are no language (payloads,
 * `language.ts`), minus the romaji particles. Kana: the names and spelling
 * variants written in kana alone, folded to hiragana (a romaji word that reads
 * as one of them is surely romaji).
 */
export function latinVocabulary(englishTexts: readonly string[], names: readonly string[], data: DialectData): LatinVocabulary {
  const seen = new Map<string, number>();
  for (const text of englishTexts) for (const w of normalise(text).match(LATIN_WORDS) ?? []) seen.set(w, (seen.get(w) ?? 0) + 1);
  const particles = new Set(data.romaji.particles);
  const known = new Map<string, number>(data.romaji.names.map((w) => [w, 1]));
  for (const name of names) for (const w of normalise(name).match(LATIN_WORDS) ?? []) if (!particles.has(w)) known.set(w, (known.get(w) ?? 0) + 1);
  const corrections = new FuzzyWords(new Map(data.english.corrections.map((w) => [w, seen.get(w) ?? 0])));
  // A rare word one slip from a correction target is a typo the examples happen to hold ("updat"), not a word.
  const typo = (w: string) => (seen.get(w) ?? 0) <= RARE && corrections.correct(w) !== undefined;
  const english = new Set([...[...seen.keys()].filter((w) => !typo(w)), ...data.english.words, ...data.english.corrections].filter((w) => !known.has(w)));
  const kana = new Set([...names, ...Object.values(data.spelling).flat()].map((w) => foldKana(normalise(w))).filter((w) => KANA_WORD.test(w)));
  return { english, kana, corrections, names: new FuzzyWords(known) };
}
