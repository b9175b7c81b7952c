import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import TokenizerJa from 'natural/lib/natural/tokenizers/tokenizer_ja.js';

const tokenizerJa = new TokenizerJa();
const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF\uE000-\uE0FF]/;
const NOT_TEXT = /[^\p{L}\p{N}\uE000-\uE0FF']+/gu;
const LATIN_WORD = /[a-z][a-z']*|[\uE000-\uE0FF]/g;
const SCRIPT_RUN = /[\u3400-\u9FFF々]+|[\u30A0-\u30FFー]+|[\u3040-\u309F]+/g;
const JA_RUN = /[\u3040-\u30FF\u3400-\u9FFF\uE000-\uE0FF0-9ー]+/g;
/** English contractions whose meaning is "not": kept as one feature so negation survives stemming. */
const NEGATION = /^(?:not|no|never|can't|cannot|cant|won't|don't|doesn't|didn't|isn't|wasn't|haven't|couldn't|wont|dont|doesnt|didnt)$/;

/**
 * Turns a masked, normalised message into the classifier's features: Japanese
 * character bigrams and trigrams plus TokenizerJa words, English Porter stems
 * and stem bigrams, entity placeholders as they are. Each feature is prefixed
 * by its kind, and the list has no duplicates (the model counts presence).
 *
 * @example features('ログインできない') // ['c:ログ', 'c:グイ', …, 'w:ログイン', …]
 */
export function features(masked: string): string[] {
  const out = new Set<string>();
  const text0 = masked.replace(NOT_TEXT, ' ');
  const text = process.env.FOLD ? text0.replace(/[\u30A1-\u30F6]/g, (k) => String.fromCharCode(k.charCodeAt(0) - 0x60)) : text0;
  if (JAPANESE.test(text)) {
    for (const run of text.match(JA_RUN) ?? []) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        if (chars.length === 1) out.add(`c:${chars[0]}`);
        if (i + 1 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}`);
        if (i + 2 < chars.length) out.add(`c:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
      }
    }
    if (process.env.NO_TJ === '2') for (const w of text.match(SCRIPT_RUN) ?? []) out.add(`w:${w}`);
    if (!process.env.NO_TJ) for (const word of tokenizerJa.tokenize(text)) {
      const w = word.trim();
      if (w && JAPANESE.test(w)) out.add(`w:${w}`);
    }
  }
  const stems = (text.match(LATIN_WORD) ?? []).map((w) => (NEGATION.test(w) ? 'NOT' : w.length > 2 ? PorterStemmer.stem(w.replace(/'s?$/, '')) : w));
  for (let i = 0; i < stems.length; i++) {
    out.add(`e:${stems[i]}`);
    if (i + 1 < stems.length) out.add(`b:${stems[i]}_${stems[i + 1]}`);
  }
  return [...out];
}
