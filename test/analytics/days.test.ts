import { describe, expect, it } from 'vitest';
import { addDays, daysFrom, isDay, spanDays } from '../../src/analytics/days.js';
import { parseAnalyticsQuery, previousPeriod } from '../../src/analytics/query.js';

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

  it('compares a period with the one of the same length just before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-07' })).toEqual({ from: '2026-02-22', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-11-10', to: '2026-11-10' })).toEqual({ from: '2026-11-09', to: '2026-11-09' });
  });

  it('defaults to the 7 days ending today, and `from` alone runs to today', () => {
    expect(parseAnalyticsQuery({}, '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03', format: 'json' });
    expect(parseAnalyticsQuery({ from: '2026-03-01' }, '2026-03-03')).toMatchObject({ from: '2026-03-01', to: '2026-03-03' });
    expect(parseAnalyticsQuery({ to: '2026-01-03', channel: 'slack', lang: 'en', format: 'csv' }, '2026-03-03')).toEqual({
      from: '2025-12-28',
      to: '2026-01-03',
      channel: 'slack',
      lang: 'en',
      format: 'csv',
    });
  });
});
