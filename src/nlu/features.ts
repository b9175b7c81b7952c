import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF\uE000-\uE0FF]/;
const NOT_TEXT = /[^\p{L}\p{N}\uE000-\uE0FF']+/gu;
const LATIN_WORD = /[a-z][a-z']*|[\uE000-\uE0FF]/g;
const JA_RUN = /[\u3040-\u30FF\u3400-\u9FFF\uE000-\uE0FF0-9ー]+/g;
/**
 * The current line and the device say nothing of the cause by themselves
 * (「ドコモ回線なのに」, "on my Pixel"): in n-grams they become one neutral
 * placeholder, so the classifier learns that an entity stood there, not which.
 */
const NEUTRAL_ENTITY = /[\u{E011}\u{E012}\u{E016}]/gu;
/** English contractions whose meaning is "not": kept as one feature so negation survives stemming. */
const NEGATION = /^(?:not|no|never|can't|cannot|cant|won't|don't|doesn't|didn't|isn't|wasn't|haven't|couldn't|wont|dont|doesnt|didnt)$/;

/**
 * Turns a masked, normalised message into the classifier's n-gram features:
 * Japanese character bigrams and trigrams (and the character of a one-character
 * run), English Porter stems and stem bigrams, entity placeholders as they are.
 * Each feature is prefixed by its kind, and the list has no duplicates (the
 * model counts presence). natural's TokenizerJa words were dropped: they cost
 * half the time of a message and cross-validation showed no gain over the
 * character n-grams; the lookup cues (`lookups.ts`) carry the telling words.
 *
 * @example features('ログインできない') // ['c:ログ', 'c:ログイ', 'c:グイ', …]
 */
export function features(masked: string): string[] {
  const out = new Set<string>();
  const text = masked.replace(NEUTRAL_ENTITY, '\u{E01F}').replace(NOT_TEXT, ' ');
  if (JAPANESE.test(text)) {
    for (const run of text.match(JA_RUN) ?? []) {
      // The runs hold BMP characters only (JA_RUN), so slicing by code unit is slicing by character.
      const n = run.length;
      if (n === 1) out.add('c:' + run);
      for (let i = 0; i + 1 < n; i++) {
        out.add('c:' + run.slice(i, i + 2));
        if (i + 2 < n) out.add('c:' + run.slice(i, i + 3));
      }
    }
  }
  const stems = (text.match(LATIN_WORD) ?? []).map((w) => (NEGATION.test(w) ? 'NOT' : w.length > 2 ? PorterStemmer.stem(w.replace(/'s?$/, '')) : w));
  for (let i = 0; i < stems.length; i++) {
    out.add(`e:${stems[i]}`);
    if (i + 1 < stems.length) out.add(`b:${stems[i]}_${stems[i + 1]}`);
  }
  return [...out];
}
