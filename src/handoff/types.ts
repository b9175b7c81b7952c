import type { ChannelName, Lang, RemedyTried, Slots } from '../core/types.js';

/** What the agent sees first: the facts gathered, so nobody asks twice. */
export interface TicketSummary {
  reason: 'asked' | 'offer_accepted' | 'urgent_fraud' | 'urgent_lost';
  slots: Slots;
  remedies: RemedyTried[];
  firstMessage?: string;
}

/** A request for a person, as the engine makes it. */
export interface TicketRequest {
  conversationId: string;
  channel: ChannelName;
  lang: Lang;
  priority: 'normal' | 'urgent';
  summary: TicketSummary;
  at: number;
}

/** The ticket the sink opened, or the one already open for that conversation. */
export interface OpenedTicket {
  id: string;
  /** Place in the queue, 1 for next. */
  position: number;
  /** False when the conversation already had an open ticket. */
  created: boolean;
}

/**
 * Where the engine sends hand-offs. The engine only asks for a ticket and
 * whether one is still open; queues, agents and relays live behind this.
 */
export interface TicketSink {
  open(request: TicketRequest): OpenedTicket;
  /** Where a ticket stands: waiting (with its place in the queue), claimed, or over. */
  status(ticketId: string): TicketState | undefined;
  /** The user withdraws the ticket and goes back to the bot. */
  cancel(ticketId: string, at: number): void;
}

/** A ticket's status and, while waiting, its place in the queue. */
export interface TicketState {
  status: 'waiting' | 'claimed' | 'closed' | 'cancelled';
  position: number;
}

/** When agents are at work. */
export interface AgentHours {
  isOpen(at: number): boolean;
  /** The next opening, as local time text ("9:00"). */
  nextOpen(at: number): string;
  /** The hours as text ("9:00-20:00"). */
  describe(): string;
}
