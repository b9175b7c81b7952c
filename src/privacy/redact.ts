/**
 * Masks what a user should never have typed before it is stored, logged or
 * shown to an agent: card numbers, phone numbers, e-mail addresses, and a
 * password or PIN the user types after saying so (「パスワードは…」). Error
 * codes (FES1003) and app versions (5.4.0) are left alone.
 */

/** The kinds of data a message had masked. */
export type Redaction = 'card' | 'phone' | 'email' | 'secret';

interface Rule {
  kind: Redaction;
  re: RegExp;
  /** Replaces one match; may keep a prefix (the words that announced a secret). */
  mask: (match: string, ...groups: string[]) => string;
}

const MASK: Record<Redaction, string> = { card: '[card number]', phone: '[phone number]', email: '[email]', secret: '[secret]' };

/** The masks, as they appear in redacted text. */
export const MASKS = new RegExp(
  Object.values(MASK)
    .map((m) => m.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/** Luhn check, so that long numbers that are not card numbers (order ids…) are told apart; any 16-digit number counts as a card. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const RULES: Rule[] = [
  {
    kind: 'secret',
    // 「パスワードは abc123」「暗証番号:1234」 "my password is hunter2" "PIN 1234": the words stay, the value goes.
    // The value must hold a letter or digit of the Latin alphabet, so 「パスワードは忘れました」 stays as it is.
    re: /((?:パスワード|ぱすわーど|暗証番号|PINコード|(?<![a-z])(?:pin|pin\s?code|password|passcode|passwd|pw)(?![a-z]))\s*(?:は|:|：|=|is|was|→)\s*「?)((?=[^\s「」。、,!！?？]*[A-Za-z0-9])[^\s「」。、,!！?？]{3,64})/giu,
    mask: (_m, lead) => `${lead}${MASK.secret}`,
  },
  { kind: 'email', re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, mask: () => MASK.email },
  {
    kind: 'card',
    re: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g,
    mask: (m) => {
      const digits = m.replace(/\D/g, '');
      return (digits.length >= 13 && digits.length <= 19 && luhn(digits)) || digits.length === 16 ? MASK.card : m;
    },
  },
  {
    kind: 'phone',
    // Japanese numbers (090-1234-5678, 03 1234 5678, 0120-123-456, +81 90…); 151-style short codes are left alone.
    re: /(?<![\dA-Za-z])(?:\+81[ -]?\d{1,4}|0\d{1,4})[ -]?\d{1,4}[ -]?\d{3,4}(?!\d)/g,
    mask: (m) => (m.replace(/\D/g, '').length >= 10 ? MASK.phone : m),
  },
];

/** The text with private data masked, and which kinds were found. */
export function redact(text: string): { text: string; found: Redaction[] } {
  const found = new Set<Redaction>();
  let out = toHalfWidthDigits(text);
  for (const rule of RULES) {
    out = out.replace(rule.re, (...args: string[]) => {
      const masked = rule.mask(...(args as [string, ...string[]]));
      if (masked !== args[0]) found.add(rule.kind);
      return masked;
    });
  }
  return { text: out, found: [...found] };
}

/** Full-width digits and ＠ become half-width, so ０９０-１２３４-５６７８ is caught like 090-1234-5678. */
function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９＠－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
