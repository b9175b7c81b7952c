import { z } from 'zod';
import { BotError, formatIssues } from '../core/errors.js';
import { CHANNELS, type Lang } from '../core/types.js';
import type { EventFilter, Period } from '../store/repos/events.js';
import { addDays, isDay, spanDays } from './days.js';

/** The longest range one request may ask for: a year, leap day included. */
const MAX_DAYS = 366;
/** The range when none is given: the last 7 days, today included. */
const DEFAULT_DAYS = 7;

const LANGS = ['ja', 'en'] as const satisfies readonly Lang[];

/** A validated analytics request. */
export interface AnalyticsQuery extends EventFilter {
  format: 'json' | 'csv';
}

/** An empty parameter (`channel=` from a form's "all" choice) counts as absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const Day = z.string().refine(isDay, 'must be a calendar day written YYYY-MM-DD');

const Raw = z.strictObject({
  from: optional(Day),
  to: optional(Day),
  channel: optional(z.enum(CHANNELS)),
  lang: optional(z.enum(LANGS)),
  format: optional(z.enum(['json', 'csv'])),
});

/**
 * The query string of `GET /agent/api/analytics`, validated: `to` defaults to
 * `today`, `from` to 6 days before `to`; `from` after `to`, a range over
 * MAX_DAYS, an unknown channel, language, format or parameter are `bad_request`
 * with the problem named.
 */
export function parseAnalyticsQuery(raw: unknown, today: string): AnalyticsQuery {
  const parsed = Raw.safeParse(raw);
  if (!parsed.success) throw new BotError('bad_request', formatIssues(parsed.error.issues, 3, 'query'));
  const { from: givenFrom, to: givenTo, channel, lang, format } = parsed.data;
  const to = givenTo ?? today;
  const from = givenFrom ?? addDays(to, 1 - DEFAULT_DAYS);
  if (from > to) throw new BotError('bad_request', `from (${from}) is after to (${to})`);
  const days = spanDays(from, to);
  if (days > MAX_DAYS) throw new BotError('bad_request', `the range spans ${days} days; ask for ${MAX_DAYS} at most`);
  return { from, to, format: format ?? 'json', ...(channel ? { channel } : {}), ...(lang ? { lang } : {}) };
}

/** The period of the same length that ends the day before `p` starts: what a change is measured against. */
export function previousPeriod(p: Period): Period {
  const days = spanDays(p.from, p.to);
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}
