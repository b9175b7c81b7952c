import { randomBytes } from 'node:crypto';
import type { ChannelName, Lang } from '../../core/types.js';
import type { OpenedTicket, Ticket, TicketEvent, TicketRequest, TicketSink, TicketState, TicketStatus, TicketSummary } from '../../handoff/types.js';
import { forUpdate, type Sql } from '../sql.js';

interface Row {
  id: string;
  conversation_id: string;
  channel: ChannelName;
  lang: Lang;
  priority: 'normal' | 'urgent';
  status: TicketStatus;
  summary: string;
  agent: string | null;
  agent_name: string | null;
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
  agentName: r.agent_name ?? r.agent,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Short, unguessable, readable ticket ids: `T-` and 10 hex digits. */
const newId = () => 'T-' + randomBytes(5).toString('hex').toUpperCase();

const URGENT_FIRST = "ORDER BY CASE WHEN priority = 'urgent' THEN 0 ELSE 1 END, created_at, id";

/**
 * Tickets and what happened to them. One open ticket per conversation is
 * enforced by a unique index, so asking twice (or two processes racing) never
 * duplicates one. The rules of who may do what live in the help desk.
 */
export class TicketRepo implements TicketSink {
  constructor(private readonly sql: Sql) {}

  async open(request: TicketRequest): Promise<OpenedTicket> {
    const existing = await this.openFor(request.conversationId);
    if (existing) return { id: existing.id, position: await this.position(existing.id), created: false };
    const id = newId();
    await this.sql.run(
      `INSERT INTO tickets (id, conversation_id, channel, lang, priority, status, summary, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
      [id, request.conversationId, request.channel, request.lang, request.priority, JSON.stringify(request.summary), request.at, request.at],
    );
    await this.addEvent(id, { type: 'opened', agent: null, agentName: null, from: null, at: request.at });
    return { id, position: await this.position(id), created: true };
  }

  async status(ticketId: string): Promise<TicketState | undefined> {
    const t = await this.get(ticketId);
    return t && { status: t.status, position: t.status === 'waiting' ? await this.position(ticketId) : 0 };
  }

  async cancel(ticketId: string, at: number): Promise<void> {
    const changed = await this.sql.run("UPDATE tickets SET status = 'cancelled', updated_at = ? WHERE id = ? AND status IN ('waiting', 'claimed')", [
      at,
      ticketId,
    ]);
    if (changed) await this.addEvent(ticketId, { type: 'cancelled', agent: null, agentName: null, from: null, at });
  }

  /** A ticket; with `lock` (PostgreSQL) its row stays locked until the transaction ends. */
  async get(ticketId: string, lock = false): Promise<Ticket | undefined> {
    const row = await this.sql.get<Row>(`SELECT * FROM tickets WHERE id = ?${forUpdate(this.sql, lock)}`, [ticketId]);
    return row && toTicket(row);
  }

  async openFor(conversationId: string): Promise<Ticket | undefined> {
    const row = await this.sql.get<Row>("SELECT * FROM tickets WHERE conversation_id = ? AND status IN ('waiting', 'claimed')", [conversationId]);
    return row && toTicket(row);
  }

  /** Tickets by status (all when omitted), urgent first, then oldest first. */
  async list(status?: TicketStatus, limit = 500): Promise<Ticket[]> {
    const rows = status
      ? await this.sql.all<Row>(`SELECT * FROM tickets WHERE status = ? ${URGENT_FIRST} LIMIT ?`, [status, limit])
      : await this.sql.all<Row>(`SELECT * FROM tickets ${URGENT_FIRST} LIMIT ?`, [limit]);
    return rows.map(toTicket);
  }

  /** Place in the waiting queue (1 = next); 0 once claimed. Urgent tickets go first. */
  async position(ticketId: string): Promise<number> {
    const row = await this.sql.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM tickets t, tickets me WHERE me.id = ? AND me.status = 'waiting' AND t.status = 'waiting'
       AND (CASE WHEN t.priority = 'urgent' THEN 1 ELSE 0 END > CASE WHEN me.priority = 'urgent' THEN 1 ELSE 0 END
         OR (t.priority = me.priority AND (t.created_at < me.created_at OR (t.created_at = me.created_at AND t.id <= me.id))))`,
      [ticketId],
    );
    return Number(row?.n ?? 0);
  }

  /** Writes a ticket's new status and holder. */
  async update(ticketId: string, fields: { status: TicketStatus; agent: string | null; agentName: string | null; note?: string; at: number }): Promise<void> {
    await this.sql.run('UPDATE tickets SET status = ?, agent = ?, agent_name = ?, note = COALESCE(?, note), updated_at = ? WHERE id = ?', [
      fields.status,
      fields.agent,
      fields.agentName,
      fields.note ?? null,
      fields.at,
      ticketId,
    ]);
  }

  async addEvent(ticketId: string, e: TicketEvent): Promise<void> {
    await this.sql.run('INSERT INTO ticket_events (ticket_id, type, agent, agent_name, from_agent, at) VALUES (?, ?, ?, ?, ?, ?)', [
      ticketId,
      e.type,
      e.agent,
      e.agentName,
      e.from,
      e.at,
    ]);
  }

  /** What happened to a ticket, oldest first. */
  events(ticketId: string): Promise<TicketEvent[]> {
    return this.sql.all<TicketEvent>(
      'SELECT type, agent, agent_name AS "agentName", from_agent AS "from", at FROM ticket_events WHERE ticket_id = ? ORDER BY id',
      [ticketId],
    );
  }
}
