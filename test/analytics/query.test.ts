import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import { parseAnalyticsQuery, previousPeriod } from '../../src/analytics/query.js';

describe('analytics query', () => {
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

  it('takes an empty value as absent and a year of 366 days, and refuses the rest as bad_request naming the problem', () => {
    expect(parseAnalyticsQuery({ channel: '', lang: '' }, '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03', format: 'json' });
    expect(parseAnalyticsQuery({ from: '2025-03-03', to: '2026-03-03' }, '2026-03-03')).toMatchObject({ from: '2025-03-03' }); // 366 days
    const refused = (raw: unknown) => {
      try {
        parseAnalyticsQuery(raw, '2026-03-03');
      } catch (e) {
        return e instanceof BotError && e.code === 'bad_request' ? e.message : `not a bad_request: ${String(e)}`;
      }
      return 'accepted';
    };
    expect(refused({ from: '2025-03-02', to: '2026-03-03' })).toBe('the range spans 367 days; ask for 366 at most');
    expect(refused({ from: '2026-03-04' })).toBe('from (2026-03-04) is after to (2026-03-03)');
    expect(refused({ from: '2026-02-30' })).toBe('from: must be a calendar day written YYYY-MM-DD');
    expect(refused({ form: '2026-03-01' })).toMatch(/^query: .*form/);
    expect(refused({ channel: 'line' })).toMatch(/^channel: /);
  });
});
