import { EventEmitter } from 'node:events';
import type { ChannelName, Reply } from '../core/types.js';
import { BotError } from '../core/errors.js';
import type { ConversationStore } from '../store/conversations.js';
import type { Ticket, TicketStore } from '../store/tickets.js';
import type { Texts } from '../dialog/texts.js';
import type { Logger } from '../log.js';

/** A message as it reaches a user from outside a turn: an agent's words or a system notice. */
export interface OutboundMessage extends Reply {
  from: 'agent' | 'bot';
}

/** How a channel delivers a message to one of its users now; false when it cannot (user offline). */
export type Deliver = (conversationId: string, message: OutboundMessage) => boolean | Promise<boolean>;

/** Events for agents' screens and integrations. */
export interface DeskEvents {
  ticket: [Ticket];
  message: [{ ticketId: string; role: 'user' | 'agent' | 'bot' | 'system'; text: string; at: number; agent?: string }];
}

/**
 * The help desk: what agents do to tickets (claim, reply, close) and the relay
 * between them and the user's own channel. Every message is written to the
 * transcript first, so one a user could not receive live is delivered when
 * they come back (the widget reloads its history).
 */
export class HelpDesk extends EventEmitter<DeskEvents> {
  private readonly channels = new Map<ChannelName, Deliver>();

  constructor(
    readonly tickets: TicketStore,
    private readonly store: ConversationStore,
    private readonly texts: Texts,
    private readonly log: Logger,
  ) {
    super();
  }

  /** A channel registers how it pushes messages to its users. */
  registerChannel(name: ChannelName, deliver: Deliver): void {
    this.channels.set(name, deliver);
  }

  /** Announces a ticket the bot opened (after the turn that opened it was saved). */
  opened(ticketId: string): void {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return;
    this.log.info({ conversation: ticket.conversationId, ticket: ticket.id, priority: ticket.priority }, 'hand-off ticket opened');
    this.emit('ticket', ticket);
  }

  /** A user's message while their ticket is open: agents see it live. */
  userMessage(ticketId: string, text: string, at: number): void {
    this.emit('message', { ticketId, role: 'user', text, at });
  }

  claim(ticketId: string, agent: string, at = Date.now()): Ticket {
    const ticket = this.tickets.claim(ticketId, agent, at);
    this.notifyUser(ticket, 'handoff.claimed', at);
    this.emit('ticket', ticket);
    return ticket;
  }

  /** An agent's reply: saved, then delivered to the user's channel. Only on an open ticket. */
  async reply(ticketId: string, agent: string, text: string, at = Date.now()): Promise<{ delivered: boolean }> {
    const ticket = this.requireOpen(ticketId);
    if (ticket.status === 'waiting') this.claim(ticketId, agent, at);
    this.store.append(ticket.conversationId, 'agent', text, at);
    this.emit('message', { ticketId, role: 'agent', text, at, agent });
    return { delivered: await this.deliver(ticket, { type: 'message', text, from: 'agent' }) };
  }

  /** Closes a ticket; the bot takes the conversation back and says so. */
  close(ticketId: string, agent: string, note: string, at = Date.now()): Ticket {
    const ticket = this.tickets.close(ticketId, agent, note, at);
    this.notifyUser(ticket, 'handoff.closed', at);
    this.emit('ticket', ticket);
    return ticket;
  }

  /** The user cancelled from their side (the engine already did it in the store). */
  cancelled(ticketId: string): void {
    const ticket = this.tickets.get(ticketId);
    if (ticket) this.emit('ticket', ticket);
  }

  private requireOpen(ticketId: string): Ticket {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new BotError('not_found', `no ticket ${ticketId}`);
    if (ticket.status !== 'waiting' && ticket.status !== 'claimed') throw new BotError('conflict', `ticket ${ticketId} is ${ticket.status}`);
    return ticket;
  }

  private notifyUser(ticket: Ticket, key: string, at: number): void {
    const text = this.texts.get(ticket.lang, key);
    this.store.append(ticket.conversationId, 'bot', text, at);
    this.emit('message', { ticketId: ticket.id, role: 'system', text, at });
    void this.deliver(ticket, { type: 'message', text, from: 'bot' });
  }

  private async deliver(ticket: Ticket, message: OutboundMessage): Promise<boolean> {
    const deliver = this.channels.get(ticket.channel);
    if (!deliver) return false;
    try {
      return await deliver(ticket.conversationId, message);
    } catch (err) {
      this.log.warn({ conversation: ticket.conversationId, ticket: ticket.id, err: String(err) }, 'delivery to the user failed; kept in the transcript');
      return false;
    }
  }
}
