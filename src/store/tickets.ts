import { randomBytes } from 'node:crypto';
import type { ChannelName, Lang } from '../core/types.js';
import { BotError } from '../core/errors.js';
import type { OpenedTicket, TicketRequest, TicketSink, TicketState, TicketSummary } from '../handoff/types.js';
import type { Db } from './db.js';

export type TicketStatus = 'waiting' | 'claimed' | 'closed' | 'cancelled';

/** A hand-off ticket as stored. */
export interface Ticket {
  id: string;
  conversationId: string;
  channel: ChannelName;
  lang: Lang;
  priority: 'normal' | 'urgent';
  status: TicketStatus;
  summary: TicketSummary;
  agent: string | null;
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  conversation_id: string;
  channel: ChannelName;
  lang: Lang;
  priority: 'normal' | 'urgent';
  status: TicketStatus;
  summary: string;
  agent: string | null;
  note: string | null;
  created_at: number;
  updated_at: number;
}

const toTicket = (r: Row): Ticket => ({
  id: r.id,
  conversationId: r.conversation_id,
  channel: r.channel,
  lang: r.lang,
  priority: r.priority,
  status: r.status,
  summary: JSON.parse(r.summary) as TicketSummary,
  agent: r.agent,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Short, unguessable, readable ticket ids: `T-` and 8 base32 characters. */
const newId = () => 'T-' + randomBytes(5).toString('hex').toUpperCase();

/**
 * Tickets in SQLite. One open ticket per conversation is enforced by a unique
 * index, so asking twice (or two processes racing) never duplicates one.
 */
export class TicketStore implements TicketSink {
  constructor(private readonly db: Db) {}

  open(request: TicketRequest): OpenedTicket {
    return this.db.transaction((): OpenedTicket => {
      const existing = this.openFor(request.conversationId);
      if (existing) return { id: existing.id, position: this.position(existing.id), created: false };
      const id = newId();
      this.db
        .prepare(
          `INSERT INTO tickets (id, conversation_id, channel, lang, priority, status, summary, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
        )
        .run(id, request.conversationId, request.channel, request.lang, request.priority, JSON.stringify(request.summary), request.at, request.at);
      return { id, position: this.position(id), created: true };
    })();
  }

  status(ticketId: string): TicketState | undefined {
    const t = this.get(ticketId);
    return t && { status: t.status, position: t.status === 'waiting' ? this.position(ticketId) : 0 };
  }

  isOpen(ticketId: string): boolean {
    const t = this.get(ticketId);
    return t !== undefined && (t.status === 'waiting' || t.status === 'claimed');
  }

  get(ticketId: string): Ticket | undefined {
    const row = this.db.prepare<[string], Row>('SELECT * FROM tickets WHERE id = ?').get(ticketId);
    return row && toTicket(row);
  }

  openFor(conversationId: string): Ticket | undefined {
    const row = this.db.prepare<[string], Row>("SELECT * FROM tickets WHERE conversation_id = ? AND status IN ('waiting', 'claimed')").get(conversationId);
    return row && toTicket(row);
  }

  /** Tickets by status (all when omitted), urgent first, then oldest first. */
  list(status?: TicketStatus): Ticket[] {
    const rows = status
      ? this.db.prepare<[string], Row>("SELECT * FROM tickets WHERE status = ? ORDER BY priority = 'urgent' DESC, created_at, id").all(status)
      : this.db.prepare<[], Row>("SELECT * FROM tickets ORDER BY priority = 'urgent' DESC, created_at, id").all();
    return rows.map(toTicket);
  }

  /** Place in the waiting queue (1 = next); 0 once claimed. Urgent tickets go first. */
  position(ticketId: string): number {
    const row = this.db
      .prepare<[string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM tickets t, tickets me WHERE me.id = ? AND me.status = 'waiting' AND t.status = 'waiting'
         AND ((t.priority = 'urgent') > (me.priority = 'urgent') OR ((t.priority = 'urgent') = (me.priority = 'urgent') AND (t.created_at < me.created_at OR (t.created_at = me.created_at AND t.id <= ?))))`,
      )
      .get(ticketId, ticketId);
    return row?.n ?? 0;
  }

  /** An agent takes a waiting ticket; a second claim is a conflict. */
  claim(ticketId: string, agent: string, at: number): Ticket {
    return this.transition(ticketId, ['waiting'], 'claimed', at, { agent });
  }

  /** An agent closes an open ticket, with a note. */
  close(ticketId: string, agent: string, note: string, at: number): Ticket {
    return this.transition(ticketId, ['waiting', 'claimed'], 'closed', at, { agent, note });
  }

  /** The user withdraws a ticket and goes back to the bot. */
  cancel(ticketId: string, at: number): Ticket {
    return this.transition(ticketId, ['waiting', 'claimed'], 'cancelled', at, {});
  }

  private transition(id: string, from: TicketStatus[], to: TicketStatus, at: number, fields: { agent?: string; note?: string }): Ticket {
    return this.db.transaction(() => {
      const t = this.get(id);
      if (!t) throw new BotError('not_found', `no ticket ${id}`);
      if (!from.includes(t.status)) throw new BotError('conflict', `ticket ${id} is ${t.status}`);
      this.db
        .prepare('UPDATE tickets SET status = ?, agent = COALESCE(?, agent), note = COALESCE(?, note), updated_at = ? WHERE id = ?')
        .run(to, fields.agent ?? null, fields.note ?? null, at, id);
      return this.get(id)!;
    })();
  }
}
