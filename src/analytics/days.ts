/**
 * Calendar days as `YYYY-MM-DD` strings, the unit of analytics (the `day`
 * column, in AGENT_TZ). Arithmetic runs on UTC midnights, where every day is
 * 24 hours long, so no time zone or daylight saving can shift a day.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a day, or NaN for a string that is not a real calendar day (2026-02-30). */
function utcOf(day: string): number {
  const m = SHAPE.exec(day);
  if (!m) return NaN;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === day ? at : NaN;
}

/** Whether a string names a real calendar day, so a typo is refused rather than read as another day. */
export const isDay = (day: string): boolean => !Number.isNaN(utcOf(day));

/** The day `n` days after `day` (before, when `n` is negative). */
export const addDays = (day: string, n: number): string => new Date(utcOf(day) + n * DAY_MS).toISOString().slice(0, 10);

/** How many days `from`..`to` spans, both ends included (1 for a single day). */
export const spanDays = (from: string, to: string): number => Math.round((utcOf(to) - utcOf(from)) / DAY_MS) + 1;

/** Every day from `from` to `to`, both included: the rows a chart needs even when nothing happened. */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = 0, n = spanDays(from, to); i < n; i++) out.push(addDays(from, i));
  return out;
}
