import type { Db } from '../../store/db.js';

/** Where a Slack conversation is answered: a DM channel, or a channel thread. */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

/** How long a handled event id is remembered; Slack retries within minutes. */
const EVENT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The Slack channel's own tables (migration 2): where each conversation is
 * answered (so an agent's reply finds the user's DM or thread), where each
 * ticket was posted for agents, and which events were already handled.
 */
export class SlackStore {
  constructor(private readonly db: Db) {}

  /** Records where a conversation is answered now (the last place the user wrote). */
  remember(conversationId: string, place: SlackPlace, at: number): void {
    this.db
      .prepare(
        `INSERT INTO slack_conversations (conversation_id, channel, thread_ts, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET channel = excluded.channel, thread_ts = excluded.thread_ts, updated_at = excluded.updated_at`,
      )
      .run(conversationId, place.channel, place.threadTs ?? null, at);
  }

  place(conversationId: string): SlackPlace | undefined {
    const row = this.db
      .prepare<[string], { channel: string; thread_ts: string | null }>('SELECT channel, thread_ts FROM slack_conversations WHERE conversation_id = ?')
      .get(conversationId);
    return row && (row.thread_ts ? { channel: row.channel, threadTs: row.thread_ts } : { channel: row.channel });
  }

  /**
   * Marks an event (or a click) as handled. False when it already was: a
   * retry or a double click, which must not produce a second answer.
   */
  firstTime(eventId: string, at: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM slack_events WHERE at < ?').run(at - EVENT_TTL_MS);
      return this.db.prepare('INSERT OR IGNORE INTO slack_events (event_id, at) VALUES (?, ?)').run(eventId, at).changes === 1;
    })();
  }

  /** Records the agent-channel message of a ticket. */
  postedTicket(ticketId: string, place: { channel: string; ts: string }): void {
    this.db.prepare('INSERT OR REPLACE INTO slack_tickets (ticket_id, channel, ts) VALUES (?, ?, ?)').run(ticketId, place.channel, place.ts);
  }

  ticketMessage(ticketId: string): { channel: string; ts: string } | undefined {
    return this.db.prepare<[string], { channel: string; ts: string }>('SELECT channel, ts FROM slack_tickets WHERE ticket_id = ?').get(ticketId);
  }

  /** The ticket whose agent-channel message starts this thread. */
  ticketAt(channel: string, ts: string): string | undefined {
    return this.db.prepare<[string, string], { ticket_id: string }>('SELECT ticket_id FROM slack_tickets WHERE channel = ? AND ts = ?').get(channel, ts)
      ?.ticket_id;
  }
}
