/**
 * How figures read on the analytics page (pure: no DOM). Missing figures
 * (null: nothing to divide by, no rating yet) read as a dash, never as 0.
 */

export const NONE = '—';
const number = new Intl.NumberFormat('ja-JP');
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** A count with thousands separators: 1,234. */
export const count = (n) => (n === null || n === undefined ? NONE : number.format(n));

/** A fraction as a percentage with one decimal: 0.4231 → 42.3%. */
export const percent = (x) => (x === null || x === undefined ? NONE : `${(x * 100).toFixed(1)}%`);

/** A mean score out of 5 with two decimals. */
export const score = (x) => (x === null || x === undefined ? NONE : x.toFixed(2));

/** A duration in seconds as people say it: 45秒, 4分12秒, 1時間5分. */
export function duration(s) {
  if (s === null || s === undefined) return NONE;
  const total = Math.round(s);
  if (total < 60) return `${total}秒`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}分${total % 60 ? `${total % 60}秒` : ''}`;
  return `${Math.floor(minutes / 60)}時間${minutes % 60 ? `${minutes % 60}分` : ''}`;
}

/** The day `n` days after a YYYY-MM-DD day (calendar arithmetic on UTC midnights, where no day is shorter). */
export const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A calendar day (YYYY-MM-DD) as a chart's axis shows it: 11/10(火). */
export function shortDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return `${m}/${d}(${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]})`;
}

/** The label of a key in a table, or the key itself when the table has none (a value added to the bot before the labels). */
export const label = (table, key) => (table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key);
