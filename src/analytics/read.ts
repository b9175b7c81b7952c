import type { EventFilter, EventRepo } from '../store/repos/events.js';
import { previousPeriod } from './query.js';
import { report, type PeriodData, type Report } from './report.js';

/** One period's tally and the medians of its agents' times (the queries run side by side). */
async function periodData(events: EventRepo, f: EventFilter): Promise<PeriodData> {
  const [rows, scores, wait, wait_bh, handle, handle_bh] = await Promise.all([
    events.tally(f),
    events.scores(f),
    events.median(f, 'ticket_claimed', 'value'),
    events.median(f, 'ticket_claimed', 'value_bh'),
    events.median(f, 'ticket_closed', 'value'),
    events.median(f, 'ticket_closed', 'value_bh'),
  ]);
  return { from: f.from, to: f.to, rows, scores, medians: { wait, wait_bh, handle, handle_bh } };
}

/** The analytics report of a filter: its period, the funnel's distinct episodes, and the period before for the changes. */
export async function readReport(events: EventRepo, f: EventFilter): Promise<Report> {
  const [current, previous, episodes] = await Promise.all([
    periodData(events, f),
    periodData(events, { ...f, ...previousPeriod(f) }),
    events.episodes(f, ['question_asked', 'question_answered', 'abandoned']),
  ]);
  return report(current, previous, episodes, f);
}
