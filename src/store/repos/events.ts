import type { ChannelName, Lang, OutcomeEvent, OutcomeType } from '../../core/types.js';
import { insertRows, type Sql } from '../sql.js';

/** An outcome event as stored: ids and labels only, never user text. */
export interface EventRow extends Omit<OutcomeEvent, 'episode'> {
  at: number;
  conversationId: string;
  episode: string | null;
  channel: ChannelName;
  lang: Lang | null;
}

/** What every event of one turn shares: when, where, and the episode of an event that names none. */
export type EventContext = Pick<EventRow, 'at' | 'conversationId' | 'episode' | 'channel' | 'lang'>;

/** A turn's events as rows (built field by field: this runs on every turn). */
export function eventRows(c: EventContext, events: readonly OutcomeEvent[]): EventRow[] {
  return events.map((e) => ({
    at: c.at,
    conversationId: c.conversationId,
    episode: e.episode ?? c.episode,
    channel: c.channel,
    lang: c.lang,
    type: e.type,
    name: e.name,
    value: e.value,
    valueBh: e.valueBh,
  }));
}

/** A period of calendar days in AGENT_TZ (`YYYY-MM-DD`), both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** Which events a figure counts: a period, and one channel and one language when set. */
export interface EventFilter extends Period {
  channel?: ChannelName;
  lang?: Lang;
}

/** How many events of a type and name fell on a day, and the sum of their values (a rating's score, a remedy result's 1 when it worked). */
export interface TallyRow {
  day: string;
  type: string;
  name: string | null;
  n: number;
  total: number | null;
}

/** How many ratings about the bot or an agent gave a score. */
export interface ScoreCount {
  name: string | null;
  value: number;
  n: number;
}

/** How many distinct episodes had an event of a type and name. */
export interface EpisodeCount {
  type: string;
  name: string | null;
  n: number;
}

/** The two numbers an agent's time carries: all of it, and the part within business hours. */
export type TimeColumn = 'value' | 'value_bh';

/** The WHERE clause and parameters of a filter; `day` leads, so the range reads through the day index. */
function where(f: EventFilter): { clause: string; params: unknown[] } {
  const parts = ['day >= ?', 'day <= ?'];
  const params: unknown[] = [f.from, f.to];
  if (f.channel) {
    parts.push('channel = ?');
    params.push(f.channel);
  }
  if (f.lang) {
    parts.push('lang = ?');
    params.push(f.lang);
  }
  return { clause: parts.join(' AND '), params };
}

/**
 * The append-only table of outcome events that analytics reads. `dayOf` gives
 * an instant's calendar day in AGENT_TZ. Reads aggregate in SQL that SQLite and
 * PostgreSQL share (COUNT in PostgreSQL is a BIGINT: read through Number).
 */
export class EventRepo {
  constructor(
    private readonly sql: Sql,
    private readonly dayOf: (at: number) => string,
  ) {}

  /** Writes a turn's events with one statement. */
  async add(events: readonly EventRow[]): Promise<void> {
    await insertRows(
      this.sql,
      'INSERT INTO events (at, day, conversation_id, episode, channel, lang, type, name, value, value_bh)',
      events.map((e) => [e.at, this.dayOf(e.at), e.conversationId, e.episode, e.channel, e.lang, e.type, e.name ?? null, e.value ?? null, e.valueBh ?? null]),
    );
  }

  /**
   * Events counted per day, type and name: the one pass most figures fold
   * from. The period is read from the `events_in_time` index alone (it holds
   * every column), and the groups are sorted by the database.
   */
  async tally(f: EventFilter): Promise<TallyRow[]> {
    const w = where(f);
    const rows = await this.sql.all<TallyRow>(
      `SELECT day, type, name, COUNT(*) AS n, SUM(value) AS total FROM events WHERE ${w.clause} GROUP BY day, type, name`,
      w.params,
    );
    return rows.map((r) => ({ ...r, n: Number(r.n), total: r.total === null ? null : Number(r.total) }));
  }

  /** Ratings per subject (bot, agent) and score: the satisfaction distribution. */
  async scores(f: EventFilter): Promise<ScoreCount[]> {
    const w = where(f);
    const rows = await this.sql.all<ScoreCount>(
      `SELECT name, value, COUNT(*) AS n FROM events WHERE ${w.clause} AND type = 'rating' AND value IS NOT NULL GROUP BY name, value`,
      w.params,
    );
    return rows.map((r) => ({ ...r, value: Number(r.value), n: Number(r.n) }));
  }

  /** Distinct episodes per type and name, for events an episode may repeat (a question asked twice counts once). */
  async episodes(f: EventFilter, types: readonly OutcomeType[]): Promise<EpisodeCount[]> {
    const w = where(f);
    const rows = await this.sql.all<EpisodeCount>(
      `SELECT type, name, COUNT(DISTINCT episode) AS n FROM events WHERE ${w.clause} AND type IN (${types.map(() => '?').join(', ')}) GROUP BY type, name`,
      [...w.params, ...types],
    );
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /**
   * The median of a column over the events of a type, found by the database
   * (sorted, the middle one or two read with LIMIT/OFFSET), so a year of
   * tickets is never loaded. Null when no event has the value.
   */
  async median(f: EventFilter, type: OutcomeType, column: TimeColumn): Promise<number | null> {
    const w = where(f);
    const filtered = `FROM events WHERE ${w.clause} AND type = ? AND ${column} IS NOT NULL`;
    const count = Number((await this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n ${filtered}`, [...w.params, type]))?.n ?? 0);
    if (!count) return null;
    const middle = await this.sql.all<{ v: number }>(`SELECT ${column} AS v ${filtered} ORDER BY ${column} LIMIT ? OFFSET ?`, [
      ...w.params,
      type,
      2 - (count % 2),
      Math.floor((count - 1) / 2),
    ]);
    return middle.reduce((sum, r) => sum + Number(r.v), 0) / middle.length;
  }
}
