/**
 * The analytics report, folded from what the database counted (pure: rows in,
 * figures out). Rates are fractions (0.42 is 42 %) and null when there is
 * nothing to divide by, so an empty day reads "no data", not "0 %".
 */
import { REMEDIES, type Ask, type ChannelName, type Lang } from '../core/types.js';
import { FUNNEL } from '../../dialogs/troubleshoot.js';
import type { EpisodeCount, Period, ScoreCount, TallyRow } from '../store/repos/events.js';
import { daysFrom } from './days.js';

/** The questions of the troubleshooting dialog, in the order a user meets them: the funnel's steps. */
/** The questions the funnel follows, as the troubleshooting dialog declares them. */
export const FUNNEL_QUESTIONS: readonly Ask[] = FUNNEL;
const SCORES = ['1', '2', '3', '4', '5'] as const;
const MISUNDERSTOOD = ['out_of_scope', 'unread_answer'] as const;

interface Csat {
  responses: number;
  /** Mean score (1–5), null without a rating. */
  average: number | null;
  distribution: Record<(typeof SCORES)[number], number>;
  /** Ratings per request for one, null when none was asked. */
  response_rate: number | null;
}
type CsatReport = Csat & { bot: Csat; agent: Csat };

interface HandoffReport {
  /** Tickets an agent claimed (what the waiting times are measured over). */
  tickets: number;
  closed: number;
  /** Hand-offs by reason (asked, offer_accepted, confused, urgent_…). */
  by_reason: Record<string, number>;
  median_wait_s: number | null;
  median_wait_bh_s: number | null;
  median_handle_s: number | null;
  median_handle_bh_s: number | null;
}

/** The figures a day and a period share. */
interface Outcomes {
  conversations: number;
  resolved_by_bot: number;
  handed_off: number;
  abandoned: number;
  containment_rate: number | null;
  messages: number;
  misunderstood: number;
  misunderstood_rate: number | null;
}
export type DayFigures = { day: string } & Outcomes & { csat_responses: number; csat_average: number | null };

/** A period's headline figures: the report's own, and those of `previous`. */
export type Totals = Period & Outcomes & { csat: CsatReport; handoff: HandoffReport };

interface FunnelStep {
  question: Ask;
  /** Episodes where the bot asked it. */
  reached: number;
  answered: number;
  /** Episodes abandoned with it open. */
  left: number;
}

export type Report = Totals & {
  channel: ChannelName | null;
  lang: Lang | null;
  remedies: Record<string, { given: number; answered: number; worked: number }>;
  /** Episodes by their first intent (what users came about), not every message: answers such as はい would swamp it. */
  intents: Record<string, number>;
  misunderstood_kinds: Record<string, number>;
  funnel: FunnelStep[];
  by_day: DayFigures[];
  previous: Totals;
};

/** The four medians of agents' times, as the database found them (seconds). */
interface Medians {
  wait: number | null;
  wait_bh: number | null;
  handle: number | null;
  handle_bh: number | null;
}

/** What the database counted for one period: its tally, its ratings' scores and the medians of its tickets. */
export interface PeriodData extends Period {
  rows: TallyRow[];
  scores: ScoreCount[];
  medians: Medians;
}

/** Rounded for reading (and for stable JSON), null kept. */
const round = (x: number | null, places: number): number | null => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places);
/** A share, or null when there is nothing to divide by (a day without data is not 0 %). */
const ratio = (part: number, whole: number): number | null => round(whole ? part / whole : null, 4);

/** How many events of a type (and name) the rows count. */
function count(rows: readonly TallyRow[], type: string, name?: string): number {
  return rows.reduce((sum, r) => (r.type === type && (name === undefined || r.name === name) ? sum + r.n : sum), 0);
}

/** Counts of a type's events per name, most frequent first (a null name is skipped). */
function byName(rows: readonly TallyRow[], type: string, seed: readonly string[] = []): Record<string, number> {
  const out = new Map<string, number>(seed.map((k) => [k, 0]));
  for (const r of rows) if (r.type === type && r.name !== null) out.set(r.name, (out.get(r.name) ?? 0) + r.n);
  return Object.fromEntries([...out].sort((a, b) => b[1] - a[1]));
}

/** Episodes, outcomes and understanding over some rows (a day's, or a period's). */
function outcomes(rows: readonly TallyRow[]): Outcomes {
  const resolved = count(rows, 'resolved');
  const handed = count(rows, 'handoff');
  const abandoned = count(rows, 'abandoned');
  const messages = count(rows, 'message');
  const misunderstood = count(rows, 'misunderstood');
  return {
    conversations: count(rows, 'episode_start'),
    resolved_by_bot: resolved,
    handed_off: handed,
    abandoned,
    containment_rate: ratio(resolved, resolved + handed + abandoned),
    messages,
    misunderstood,
    misunderstood_rate: ratio(misunderstood, messages),
  };
}

/** How many ratings some rows hold (about the bot or an agent only, when asked) and their mean. */
function rated(rows: readonly TallyRow[], about?: 'bot' | 'agent'): { responses: number; average: number | null } {
  let responses = 0;
  let sum = 0;
  for (const r of rows) {
    if (r.type !== 'rating' || (about && r.name !== about)) continue;
    responses += r.n;
    sum += r.total ?? 0;
  }
  return { responses, average: round(responses ? sum / responses : null, 2) };
}

/** Satisfaction over a period: all ratings, or those about the bot or an agent only. */
function csat(data: PeriodData, about?: 'bot' | 'agent'): Csat {
  const distribution = Object.fromEntries(SCORES.map((s) => [s, 0])) as Csat['distribution'];
  for (const s of data.scores) {
    const score = String(Math.round(s.value));
    if ((!about || s.name === about) && score in distribution) distribution[score as keyof Csat['distribution']] += s.n;
  }
  const { responses, average } = rated(data.rows, about);
  return { responses, average, distribution, response_rate: ratio(responses, count(data.rows, 'csat_asked', about)) };
}

/** Remedies given, answered (the user said whether it worked) and that worked; every known remedy is listed, zeros included. */
function remedies(rows: readonly TallyRow[]): Report['remedies'] {
  const out: Report['remedies'] = Object.fromEntries(REMEDIES.map((id) => [id, { given: 0, answered: 0, worked: 0 }]));
  for (const r of rows) {
    if (!r.name || (r.type !== 'remedy_given' && r.type !== 'remedy_result')) continue;
    const line = (out[r.name] ??= { given: 0, answered: 0, worked: 0 });
    if (r.type === 'remedy_given') line.given += r.n;
    else {
      line.answered += r.n;
      line.worked += r.total ?? 0; // 1 for each result that worked
    }
  }
  return out;
}

/** A period's headline figures. */
function totals(data: PeriodData): Totals {
  const { rows, medians } = data;
  return {
    from: data.from,
    to: data.to,
    ...outcomes(rows),
    csat: { ...csat(data), bot: csat(data, 'bot'), agent: csat(data, 'agent') },
    handoff: {
      tickets: count(rows, 'ticket_claimed'),
      closed: count(rows, 'ticket_closed'),
      by_reason: byName(rows, 'handoff'),
      median_wait_s: round(medians.wait, 1),
      median_wait_bh_s: round(medians.wait_bh, 1),
      median_handle_s: round(medians.handle, 1),
      median_handle_bh_s: round(medians.handle_bh, 1),
    },
  };
}

/** Every day of the period with its figures, zeros on days without events. */
function byDay(data: PeriodData): DayFigures[] {
  const rowsOf = new Map<string, TallyRow[]>();
  for (const r of data.rows) (rowsOf.get(r.day) ?? rowsOf.set(r.day, []).get(r.day)!).push(r);
  return daysFrom(data.from, data.to).map((day) => {
    const rows = rowsOf.get(day) ?? [];
    const { responses, average } = rated(rows);
    return { day, ...outcomes(rows), csat_responses: responses, csat_average: average };
  });
}

/** The dialog's funnel: per question, the episodes that reached it, answered it, and left with it open. */
function funnel(counts: readonly EpisodeCount[]): FunnelStep[] {
  const of = (type: string, question: string) => counts.find((c) => c.type === type && c.name === question)?.n ?? 0;
  return FUNNEL_QUESTIONS.map((question) => ({
    question,
    reached: of('question_asked', question),
    answered: of('question_answered', question),
    left: of('abandoned', question),
  }));
}

/** The whole report of a period, with the headline figures of the period before it. */
export function report(current: PeriodData, previous: PeriodData, episodes: readonly EpisodeCount[], filter: { channel?: ChannelName; lang?: Lang }): Report {
  const { from, to, ...headline } = totals(current);
  return {
    from,
    to,
    channel: filter.channel ?? null,
    lang: filter.lang ?? null,
    ...headline,
    remedies: remedies(current.rows),
    intents: byName(current.rows, 'episode_start'),
    misunderstood_kinds: byName(current.rows, 'misunderstood', MISUNDERSTOOD),
    funnel: funnel(episodes),
    by_day: byDay(current),
    previous: totals(previous),
  };
}
