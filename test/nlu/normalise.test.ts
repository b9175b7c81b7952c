import { describe, expect, it } from 'vitest';
import { findErrorCodes, normalise } from '../../src/nlu/normalise.js';

describe('normalise', () => {
  it.each([
    ['ｄ払い', 'd払い'],
    ['ﾛｸﾞｲﾝできません', 'ログインできません'],
    ['ＦＥＳ１００３が表示', 'fes1003が表示'],
    ['D-Barai LOGIN', 'd-barai login'],
    ['ハロ〜', 'ハロー'],
    ['メンテ−ナンス中', 'メンテーナンス中'],
    ['ア～ップデート', 'アーップデート'],
    ['困った😢😢', '困った'],
    ['ok👍🏻', 'ok'],
    ['なんで？！', 'なんで?!'],
    ['fes-1003 です', 'fes1003 です'],
    ['KP 23002', 'kp23002'],
    ['ｋｐ－２３００２', 'kp23002'],
    ['  spaces \t and\nlines  ', 'spaces and lines'],
    ['iPhone 2020', 'iphone 2020'],
    ['15% of 3000', '15% of 3000'],
    ['a 5000 yen purchase', 'a 5000 yen purchase'],
  ])('%s → %s', (raw, folded) => {
    expect(normalise(raw)).toBe(folded);
  });
});

describe('findErrorCodes', () => {
  it.each([
    ['fes1003って出ます', ['FES1003']],
    ['kp23002とe0510', ['KP23002', 'E0510']],
    ['iphone 12 と ios 17', []],
    ['android 1400', []],
    ['points for 5000 yen', []],
    ['points for a 5000 yen purchase', []],
    ['e 0510 と表示', ['E0510']],
    ['no codes here', []],
  ])('%s → %j', (text, codes) => {
    expect(findErrorCodes(text)).toEqual(codes);
  });
});
