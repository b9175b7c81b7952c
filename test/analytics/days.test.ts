import { describe, expect, it } from 'vitest';
import { addDays, daysFrom, isDay, spanDays } from '../../src/analytics/days.js';

describe('calendar days', () => {
  it('steps over month ends, year ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysFrom('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(spanDays('2026-01-01', '2026-12-31')).toBe(365);
  });

  it('refuses what is not a real day', () => {
    expect(['2026-02-29', '2026-13-01', '2026-1-1', '20260101', ''].filter(isDay)).toEqual([]);
    expect(isDay('2028-02-29')).toBe(true);
  });
});
