/** Typo correction: one edit (a swap counts as one), long enough words only, frequent words first, ties left alone. */
import { describe, expect, it } from 'vitest';
import { FuzzyWords } from '../../src/nlu/fuzzy.js';

const words = new FuzzyWords(
  new Map([
    ['softbank', 1],
    ['android', 1],
    ['iphone', 1],
    ['docomo', 1],
    ['povo', 1],
    ['wifi', 1],
    ['update', 5],
    ['updated', 1],
    ['carrier', 1],
  ]),
);

describe('FuzzyWords', () => {
  it.each([
    ['softbnak', 'softbank'], // swap
    ['andriod', 'android'], // swap
    ['iphnoe', 'iphone'], // swap
    ['dokomo', 'docomo'], // substitution
    ['povvo', 'povo'], // insertion
    ['updat', 'update'], // deletion; 'updated' is two edits away
    ['carier', 'carrier'],
  ])('%s → %s', (typo, word) => {
    expect(words.correct(typo)).toBe(word);
  });

  it.each([
    ['wife', 'shorter than five letters'],
    ['softbank', 'known'],
    ['sftbnk', 'two edits'],
    ['banana', 'nothing near'],
  ])('leaves %s alone (%s)', (word) => {
    expect(words.correct(word)).toBeUndefined();
  });

  it('prefers a swap, then the more frequent word, and leaves a tie alone', () => {
    const w = new FuzzyWords(
      new Map([
        ['cant', 1],
        ['chat', 9],
        ['tray', 1],
        ['trap', 1],
      ]),
      4,
    );
    expect(w.correct('cnat')).toBe('cant');
    expect(w.correct('tras')).toBeUndefined();
  });
});
