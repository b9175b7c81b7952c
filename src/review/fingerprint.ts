import { normalise } from '../nlu/normalise.js';
import { MASKS } from '../privacy/redact.js';

const KATAKANA = /[\u30A1-\u30F6]/g;
const DIGITS = /\d+/g;
const NOT_WORD = /[\p{P}\p{S}\s]+/gu;

/**
 * The key that groups messages the inbox counts as one: NFKC and width folded
 * (the NLU's `normalise`, which also lower-cases and joins error codes),
 * katakana folded to hiragana, every run of digits (and every mask, which
 * hid digits or a secret) one `0`, punctuation, symbols and spaces dropped. Never shown: an item shows its text.
 *
 * @example fingerprint('ﾛｸﾞｲﾝできません！FES-1003') === fingerprint('ろぐいんできません fes 2004') // true
 */
export function fingerprint(text: string): string {
  return normalise(text.replace(MASKS, '0'))
    .replace(KATAKANA, (k) => String.fromCharCode(k.charCodeAt(0) - 0x60))
    .replace(DIGITS, '0')
    .replace(NOT_WORD, '');
}
