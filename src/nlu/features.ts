import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF\uE000-\uE0FF]/;
/** Anything but Latin letters and digits, kana, kanji, placeholders and apostrophes (text is NFKC-folded already). */
const NOT_TEXT = /[^a-z0-9\u00C0-\u024F\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uE000-\uE0FF']+/g;
const LATIN_WORD = /[a-z][a-z']*|[\uE000-\uE0FF]/g;
const JA_RUN = /[\u3040-\u30FF\u3400-\u9FFF\uE000-\uE0FF0-9ー]+/g;
/**
 * The current line and the device say nothing of the cause by themselves
 * (「ドコモ回線なのに」, "on my Pixel"): in n-grams they become one neutral
 * placeholder, so the classifier learns that an entity stood there, not which.
 */
const NEUTRAL_ENTITY = /[\u{E011}\u{E012}\u{E015}\u{E016}]/gu;
/** English contractions whose meaning is "not": kept as one feature so negation survives stemming. */
const NEGATION = /^(?:not|no|never|can't|cannot|cant|won't|don't|doesn't|didn't|isn't|wasn't|haven't|couldn't|wont|dont|doesnt|didnt)$/;

const stems = new Map<string, string>();
/** A word's feature form: `NOT` for a negation, else its Porter stem (memoised: the vocabulary is small). */
function stem(word: string): string {
  let out = stems.get(word);
  if (out === undefined) {
    out = NEGATION.test(word) ? 'NOT' : word.length > 2 ? PorterStemmer.stem(word.replace(/'s?$/, '')) : word;
    if (stems.size > 50_000) stems.clear();
    stems.set(word, out);
  }
  return out;
}

/**
 * Turns a masked, normalised message into the classifier's n-gram features:
 * Japanese character bigrams (and the character of a one-character run),
 * English Porter stems and stem bigrams, entity placeholders as they are.
 * Each feature is prefixed by its kind, and the list has no duplicates (the
 * model counts presence). Cross-validation chose these: natural's TokenizerJa
 * words cost half the time of a message for no gain, and trigrams, many and
 * correlated, made naive Bayes over-confident (97.2% → 98.0% without them);
 * the lookup cues (`lookups.ts`) carry the telling words.
 *
 * @example features('ログインできない') // ['c:ログ', 'c:グイ', 'c:イン', …]
 */
export function features(masked: string): string[] {
  const out = new Set<string>();
  walk(
    masked,
    (run, i, length) => out.add('c:' + run.slice(i, i + length)),
    (word) => out.add(word),
  );
  return [...out];
}

/** A message's features as the classifier reads them fastest: character n-grams as numbers (see `gramKey`), the rest as strings. */
export interface FeatureBag {
  grams: Set<number>;
  words: string[];
}

/** The number that stands for the feature `c:<gram>` (one to three characters): see `gramKeyAt`. */
export function gramKey(gram: string): number {
  return gramKeyAt(gram, 0, gram.length);
}

/** A character of a Japanese run (CJK, placeholders, kana, digits) as a number from 1 to 28106, or 0 for any other. */
function runCode(c: number): number {
  if (c >= 0x3400 && c <= 0x9fff) return c - 0x3400 + 1;
  if (c >= 0xe000 && c <= 0xe0ff) return c - 0xe000 + 27649;
  if (c >= 0x3040 && c <= 0x30ff) return c - 0x3040 + 27905;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 28097;
  return 0;
}

/**
 * The number that stands for the gram of `length` characters at `i`. For the
 * one- and two-character grams of Japanese runs (all the classifier builds)
 * it is a small integer, which V8 keeps unboxed: no number to allocate per
 * gram, cheap to hash (two-character keys start at 32769, above every
 * one-character key). Any other gram of one to three characters gets a
 * negative key of its length and code units, so keys never collide.
 */
function gramKeyAt(s: string, i: number, length: number): number {
  const a = runCode(s.charCodeAt(i));
  if (length === 1 && a > 0) return a;
  if (length === 2 && a > 0) {
    const b = runCode(s.charCodeAt(i + 1));
    if (b > 0) return a * 32768 + b;
  }
  let key = length;
  for (let j = i; j < i + length; j++) key = key * 65536 + s.charCodeAt(j);
  return -key;
}

/** The same features as `features`, n-grams as numbers: no string is built for them. */
export function featureBag(masked: string): FeatureBag {
  const grams = new Set<number>();
  const words: string[] = [];
  walk(
    masked,
    (run, i, length) => grams.add(gramKeyAt(run, i, length)),
    (word) => words.push(word),
  );
  return { grams, words: [...new Set(words)] };
}

/** Walks a message's features: each n-gram as (run, start, length), each English feature as its string. */
function walk(masked: string, gram: (run: string, i: number, length: number) => void, word: (feature: string) => void): void {
  const text = masked.replace(NEUTRAL_ENTITY, '\u{E01F}').replace(NOT_TEXT, ' ');
  if (JAPANESE.test(text)) {
    for (const run of text.match(JA_RUN) ?? []) {
      // The runs hold BMP characters only (JA_RUN), so a code unit is a character.
      const n = run.length;
      if (n === 1) gram(run, 0, 1);
      for (let i = 0; i + 1 < n; i++) gram(run, i, 2);
    }
  }
  const stems = (text.match(LATIN_WORD) ?? []).map(stem);
  for (let i = 0; i < stems.length; i++) {
    word(`e:${stems[i]}`);
    if (i + 1 < stems.length) word(`b:${stems[i]}_${stems[i + 1]}`);
  }
}
