import type { Lang } from '../core/types.js';

const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF\uFF66-\uFF9F]/;
const LATIN_WORD = /[a-z]{2,}/g;
/** HTML-like tags and URLs are no one's language: a pasted tag or link keeps the conversation's. */
const NOT_LANGUAGE = /<[^>]*>?|\bhttps?:\/\/\S+|\bwww\.\S+/g;

/**
 * Words that carry no language of their own: brands, device and network names,
 * quick-reply payloads. A message made only of these keeps the conversation's
 * language (clicking `wifi` does not switch a Japanese user to English).
 */
export const NEUTRAL = new Set([
  'docomo',
  'ntt',
  'ahamo',
  'au',
  'kddi',
  'povo',
  'uq',
  'mobile',
  'softbank',
  'ymobile',
  'linemo',
  'rakuten',
  'mvno',
  'iijmio',
  'iij',
  'mineo',
  'ocn',
  'one',
  'nuro',
  'biglobe',
  'sim',
  'esim',
  'iphone',
  'ios',
  'ipad',
  'android',
  'galaxy',
  'pixel',
  'xperia',
  'aquos',
  'arrows',
  'pro',
  'max',
  'mini',
  'plus',
  'ultra',
  'se',
  'wi',
  'fi',
  'wifi',
  'lte',
  'sp',
  'mode',
  'other',
  'yes',
  'no',
  'latest',
  'outdated',
  'ok',
  'okay',
  'fes',
  'kp',
  'err',
  'id',
  'pin',
  'app',
  'os',
  'ver',
  'version',
  'lol',
  'www',
  'ww',
  'handoff',
]);

/**
 * Tells the language of one message from its (normalised) text: `ja` for any
 * kana or kanji, `en` for English words, `undefined` when there is nothing to
 * go by (a payload, a brand name, digits or symbols, markup or a link).
 */
export function detectLanguage(normalised: string): Lang | undefined {
  if (JAPANESE.test(normalised)) return 'ja';
  const words = normalised.replace(NOT_LANGUAGE, ' ').match(LATIN_WORD) ?? [];
  return words.some((w) => !NEUTRAL.has(w)) ? 'en' : undefined;
}
