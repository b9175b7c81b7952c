/**
 * Text normalisation, applied before anything else reads a message: width
 * (ｄ払い, ﾛｸﾞｲﾝ, ＦＥＳ１００３), case, long-vowel and punctuation variants,
 * emoji, and error codes written with a space or hyphen inside.
 */

// Emoji modifiers and joiners are listed on their own on purpose: each is removed wherever it stands.
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
// Control characters are exactly what this removes.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/g;
const DASH_AFTER_KANA = /([\u30A0-\u30FF])[\u2010-\u2015\u2212\u301C\uFF5E~-](?=[\u30A0-\u30FF]|$|[^\p{L}])/gu;
const QUESTION = /[?？¿]/g;
const BANG = /[!！¡]/g;
const SPACES = /\s+/g;
/** An error code: 1–5 letters and 4–6 digits, maybe with a space, hyphen or dot inside. */
export const ERROR_CODE = /(?<![a-z0-9])([a-z]{1,5})[\s._\-–—ー]?(\d{4,6})(?![0-9])/g;
/** Prefixes that look like codes but are device or OS names (iPhone 2020, Android 1400…). */
const NOT_CODE_PREFIX = new Set([
  'ios',
  'iphone',
  'ipad',
  'android',
  'galaxy',
  'pixel',
  'xperia',
  'aquos',
  'ver',
  'v',
  'version',
  'os',
  'tel',
  'no',
  'sh',
  'so',
  'sc',
  'f',
]);
/** English words that often stand before a number ("15% of 3000", "for 5000 yen"): never the letters of a code. */
const WORD_BEFORE_NUMBER = new Set([
  'of',
  'for',
  'to',
  'in',
  'at',
  'on',
  'by',
  'is',
  'was',
  'are',
  'be',
  'and',
  'or',
  'the',
  'from',
  'than',
  'over',
  'under',
  'about',
  'around',
  'only',
  'just',
  'me',
  'my',
  'it',
  'yen',
  'jpy',
  'usd',
  'cost',
  'costs',
  'pay',
  'paid',
  'spent',
  'got',
  'have',
  'has',
  'had',
  'per',
  'each',
  'like',
  'with',
  'since',
  'year',
  'till',
  'until',
  'after',
  'before',
  'a',
  'an',
  'i',
  'as',
  'if',
  'up',
  'we',
  'us',
  'do',
  'all',
  'but',
  'get',
  'buy',
  'use',
  'used',
  'total',
  'some',
  'less',
  'more',
  'near',
  'almost',
  'maybe',
  'spend',
  'worth',
  'save',
  'earn',
  'extra',
  'plus',
  'minus',
  'than',
]);
const isCodePrefix = (letters: string) => !NOT_CODE_PREFIX.has(letters) && !WORD_BEFORE_NUMBER.has(letters);

/**
 * Returns the text folded for matching: NFKC (full width → half width, half-width
 * kana → full width), lower case, one kind of long vowel and punctuation, no emoji
 * or control characters, error codes joined (`fes-1003` → `fes1003`).
 *
 * @example normalise('ＦＥＳ－１００３って出ます😢') // 'fes1003って出ます'
 */
export function normalise(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  t = t.replace(CONTROL, ' ').replace(EMOJI, '');
  t = t.replace(DASH_AFTER_KANA, '$1ー');
  t = t.replace(QUESTION, '?').replace(BANG, '!');
  t = t.replace(ERROR_CODE, (whole, letters: string, digits: string) => (isCodePrefix(letters) ? `${letters}${digits}` : whole));
  return t.replace(SPACES, ' ').trim();
}

/** The error code an `ERROR_CODE` match stands for, upper-cased, or undefined when its letters are a word or a device. */
export function codeOf(match: RegExpExecArray): string | undefined {
  const letters = match[1] ?? '';
  return isCodePrefix(letters) ? `${letters}${match[2] ?? ''}`.toUpperCase() : undefined;
}

/** Finds error codes in normalised text, upper-cased: `['FES1003']`. */
export function findErrorCodes(normalised: string): string[] {
  const out: string[] = [];
  const re = new RegExp(ERROR_CODE); // a fresh lastIndex: ERROR_CODE is shared
  for (let m = re.exec(normalised); m; m = re.exec(normalised)) {
    const code = codeOf(m);
    if (code) out.push(code);
  }
  return out;
}

/**
 * A regular-expression source for a literal (already escaped) in which each
 * kana matches in either script: 「ろぐいん」 → [ろロ][ぐグ][いイ][んン]. For the
 * synonym and spelling tables: they then find 「ソフトバンク」 and 「そふとばんく」
 * without a folded copy of every message.
 */
export function eitherKana(literal: string): string {
  let out = '';
  for (const ch of literal) {
    const c = ch.charCodeAt(0);
    if (c >= 0x3041 && c <= 0x3096) out += `[${ch}${String.fromCharCode(c + 0x60)}]`;
    else if (c >= 0x30a1 && c <= 0x30f6) out += `[${String.fromCharCode(c - 0x60)}${ch}]`;
    else out += ch;
  }
  return out;
}

/** Katakana folded to hiragana, so that one pattern matches ハロー, はろー and ﾊﾛｰ (NFKC made that ハロー). */
export function foldKana(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30a1 && c <= 0x30f6) {
      out += text.slice(from, i) + String.fromCharCode(c - 0x60);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
