import type { DayFigures, Report, Totals } from './report.js';

/** The columns after `row`: a day's figures, named as in the JSON. */
const COLUMNS = [
  'day',
  'conversations',
  'resolved_by_bot',
  'handed_off',
  'abandoned',
  'containment_rate',
  'messages',
  'misunderstood',
  'misunderstood_rate',
  'csat_responses',
  'csat_average',
] as const satisfies readonly (keyof DayFigures)[];

/** A period's totals as a line of the daily table, its `day` being the range. */
const asLine = (t: Totals): DayFigures => ({ ...t, day: `${t.from}..${t.to}`, csat_responses: t.csat.responses, csat_average: t.csat.average });

/** A cell: numbers as they are, nothing for null; text quoted when it holds a separator (ids and days never do, but a cell must not break the file). */
const cell = (v: string | number | null): string => (v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/**
 * The report as CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel
 * then reads it as UTF-8), CRLF lines, a header, one `day` row per day of the
 * period (zeros included), then a `total` row for the period and a `previous`
 * row for the period of the same length before it.
 */
export function toCsv(r: Report): string {
  const lines = [
    ['row', ...COLUMNS],
    ...r.by_day.map((d) => ['day', ...COLUMNS.map((c) => d[c])]),
    ['total', ...COLUMNS.map((c) => asLine(r)[c])],
    ['previous', ...COLUMNS.map((c) => asLine(r.previous)[c])],
  ];
  return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The download's file name: the range and the filters, so two exports never overwrite each other. */
export const csvName = (r: Report): string => ['dbarai-analytics', r.from, r.to, r.channel, r.lang].filter(Boolean).join('_') + '.csv';
