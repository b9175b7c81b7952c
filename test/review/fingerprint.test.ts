import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/review/fingerprint.js';

describe('review fingerprint', () => {
  it.each([
    ['width and case', 'ＤＢＡＲＡＩ　ｌｏｇｉｎ', 'dbarai login'],
    ['half-width kana', 'ﾛｸﾞｲﾝできない', 'ログインできない'],
    ['katakana and hiragana', 'ログインできない', 'ろぐいんできない'],
    ['digits', '3回やっても123456が出る', '10回やっても9が出る'],
    ['error codes written apart', 'FES-1003が出る', 'fes 2004が出る'],
    ['punctuation, emoji and spaces', 'ログイン できない！？😢', 'ログインできない'],
    ['masks', '電話は[phone number]です', '電話は0です'],
  ])('folds %s', (_what, a, b) => {
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('keeps different words apart', () => {
    expect(fingerprint('ログインできない')).not.toBe(fingerprint('ログインできた'));
    expect(fingerprint('cannot log in')).not.toBe(fingerprint('can log in'));
  });

  it('is empty when nothing is left to compare', () => {
    expect(fingerprint(' ！？ 😢 ')).toBe('');
  });
});
