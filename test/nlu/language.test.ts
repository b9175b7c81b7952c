import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/nlu/language.js';
import { normalise } from '../../src/nlu/normalise.js';

describe('detectLanguage', () => {
  it.each([
    ['ログインできない', 'ja'],
    ['ｄ払い', 'ja'],
    ['iPhoneでエラー', 'ja'],
    ['I cannot sign in', 'en'],
    ['help me please', 'en'],
    ['wifi', undefined],
    ['docomo', undefined],
    ['iPhone 15 Pro', undefined],
    ['yes', undefined],
    ['FES1003', undefined],
    ['12345', undefined],
    ['!!!', undefined],
    ['', undefined],
    ['<img src=x onerror="window.__xss=1">', undefined],
    ['https://www.example.com/help', undefined],
    ['see https://example.com please', 'en'],
  ])('%j → %s', (text, lang) => {
    expect(detectLanguage(normalise(text))).toBe(lang);
  });
});
