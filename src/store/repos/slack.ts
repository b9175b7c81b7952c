import type { Sql } from '../sql.js';

/** Where a Slack conversation is answered: a DM channel, or a channel thread. */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

/** How long a handled event id is remembered; Slack retries within minutes. */
const EVENT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The Slack channel's memory: where each conversation is answered (so an
 * agent's reply finds the user's DM or thread), where each ticket was posted
 * for agents, and which events were already handled (shared by every instance).
 */
export class SlackRepo {
  constructor(private readonly sql: Sql) {}

  /** Records where a conversation is answered now (the last place the user wrote). */
  async remember(conversationId: string, place: SlackPlace, at: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO slack_conversations (conversation_id, channel, thread_ts, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET channel = excluded.channel, thread_ts = excluded.thread_ts, updated_at = excluded.updated_at`,
      [conversationId, place.channel, place.threadTs ?? null, at],
    );
  }

  async place(conversationId: string): Promise<SlackPlace | undefined> {
    const row = await this.sql.get<{ channel: string; thread_ts: string | null }>(
      'SELECT channel, thread_ts FROM slack_conversations WHERE conversation_id = ?',
      [conversationId],
    );
    return row && (row.thread_ts ? { channel: row.channel, threadTs: row.thread_ts } : { channel: row.channel });
  }

  /**
   * Marks an event (or a click) as handled. False when it already was: a
   * retry or a double click, which must not produce a second answer.
   */
  async firstTime(eventId: string, at: number): Promise<boolean> {
    await this.sql.run('DELETE FROM slack_events WHERE at < ?', [at - EVENT_TTL_MS]);
    return (await this.sql.run('INSERT INTO slack_events (event_id, at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING', [eventId, at])) === 1;
  }

  /** Records the agent-channel message of a ticket. */
  async postedTicket(ticketId: string, place: { channel: string; ts: string }): Promise<void> {
    await this.sql.run(
      'INSERT INTO slack_tickets (ticket_id, channel, ts) VALUES (?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET channel = excluded.channel, ts = excluded.ts',
      [ticketId, place.channel, place.ts],
    );
  }

  ticketMessage(ticketId: string): Promise<{ channel: string; ts: string } | undefined> {
    return this.sql.get('SELECT channel, ts FROM slack_tickets WHERE ticket_id = ?', [ticketId]);
  }

  /** The ticket whose agent-channel message starts this thread. */
  async ticketAt(channel: string, ts: string): Promise<string | undefined> {
    return (await this.sql.get<{ ticket_id: string }>('SELECT ticket_id FROM slack_tickets WHERE channel = ? AND ts = ?', [channel, ts]))?.ticket_id;
  }
}
