import { describe, expect, it } from 'vitest';
import { ageText, truncate } from '../../../../public/agent/js/format.js';

describe('console formatting', () => {
  it('says how long ago, roughly', () => {
    const now = 10 * 86_400_000;
    expect([0, 59_000, 120_000, 3 * 3_600_000, 2 * 86_400_000].map((ago) => ageText(now - ago, now))).toEqual([
      'たった今',
      'たった今',
      '2分前',
      '3時間前',
      '2日前',
    ]);
  });

  it('cuts by characters, not UTF-16 units', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀😀…');
    expect(truncate(' a \n b ', 5)).toBe('a b');
  });
});
