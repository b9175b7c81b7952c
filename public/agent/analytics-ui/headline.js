/**
 * The headline figures and their change against the previous period (pure:
 * report JSON in, what each card says out). Counts and times change in
 * percent, rates in percentage points, the satisfaction score in points; the
 * tone says whether the change is good news for the support team.
 */
import { count, duration, label, percent, score, NONE } from './format.js';

/** The headline cards, in order: how to read the figure from a period's totals, how to show it, and which way is better. */
export const HEADLINES = [
  { id: 'conversations', get: (t) => t.conversations, kind: 'count', better: null },
  { id: 'containment_rate', get: (t) => t.containment_rate, kind: 'rate', better: 'up' },
  { id: 'resolved_by_bot', get: (t) => t.resolved_by_bot, kind: 'count', better: 'up' },
  { id: 'handed_off', get: (t) => t.handed_off, kind: 'count', better: 'down' },
  { id: 'abandoned', get: (t) => t.abandoned, kind: 'count', better: 'down' },
  { id: 'csat_average', get: (t) => t.csat.average, kind: 'score', better: 'up' },
  { id: 'misunderstood_rate', get: (t) => t.misunderstood_rate, kind: 'rate', better: 'down' },
  { id: 'median_wait_s', get: (t) => t.handoff.median_wait_s, kind: 'seconds', better: 'down' },
];

const SHOW = { count, rate: percent, score, seconds: duration };
const sign = (x) => (x > 0 ? '+' : x < 0 ? '−' : '±');

/**
 * The change from `before` to `now` for a kind of figure: its text and
 * direction, or null when it cannot be said (a figure missing on either side,
 * or a count rising from zero, which has no percentage).
 */
export function change(now, before, kind) {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (kind === 'rate') {
    const pt = Math.round((now - before) * 1000) / 10;
    return { delta: pt, text: `${sign(pt)}${Math.abs(pt).toFixed(1)}pt` };
  }
  if (kind === 'score') {
    const d = Math.round((now - before) * 100) / 100;
    return { delta: d, text: `${sign(d)}${Math.abs(d).toFixed(2)}` };
  }
  if (before === 0) return now === 0 ? { delta: 0, text: '±0%' } : null;
  const pc = Math.round(((now - before) / before) * 1000) / 10;
  return { delta: pc, text: `${sign(pc)}${Math.abs(pc).toFixed(1)}%` };
}

/** Whether a change is good, bad or neither for the team: fewer hand-offs is good, a lower containment rate is bad. */
export function tone(delta, better) {
  if (!better || !delta) return 'neutral';
  return delta > 0 === (better === 'up') ? 'good' : 'bad';
}

/** The cards of a report: each figure shown, its previous value and its change. `metric` is the labels' analytics.metric table. */
export function headlines(report, metric) {
  return HEADLINES.map((h) => {
    const now = h.get(report);
    const before = h.get(report.previous);
    const c = change(now, before, h.kind);
    return {
      id: h.id,
      label: label(metric, h.id),
      value: SHOW[h.kind](now),
      previous: SHOW[h.kind](before),
      change: c ? c.text : NONE,
      trend: !c || c.delta === 0 ? 'flat' : c.delta > 0 ? 'up' : 'down',
      tone: c ? tone(c.delta, h.better) : 'neutral',
    };
  });
}
