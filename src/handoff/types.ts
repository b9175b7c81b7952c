import type { ChannelName, Lang, RemedyTried, Slots } from '../core/types.js';

/** Why a conversation went to a person. */
export type HandoffReason = 'asked' | 'offer_accepted' | 'confused' | 'urgent_fraud' | 'urgent_lost';

/** What the agent sees first: the facts gathered, so nobody asks twice. */
export interface TicketSummary {
  reason: HandoffReason;
  slots: Slots;
  remedies: RemedyTried[];
  firstMessage?: string;
  /** The episode the hand-off ends, for analytics (not shown to agents). */
  episode?: string;
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

export type TicketStatus = 'waiting' | 'claimed' | 'closed' | 'cancelled';

/** A ticket's status and, while waiting, its place in the queue. */
export interface TicketState {
  status: TicketStatus;
  position: number;
}

/**
 * Where the engine sends hand-offs. The engine only asks for a ticket and
 * whether one is still open; queues, agents and relays live behind this.
 */
export interface TicketSink {
  open(request: TicketRequest): Promise<OpenedTicket>;
  /** Where a ticket stands: waiting (with its place in the queue), claimed, or over. */
  status(ticketId: string): Promise<TicketState | undefined>;
  /** The user withdraws the ticket and goes back to the bot. */
  cancel(ticketId: string, at: number): Promise<void>;
}

/** Someone who acts on tickets: a console agent (`alice`) or a Slack user (`slack:U123`, shown by display name). */
export interface AgentRef {
  id: string;
  name: string;
}

/** What happened to a ticket, in order: who claimed, took over, closed it. */
export interface TicketEvent {
  type: 'opened' | 'claimed' | 'taken_over' | 'closed' | 'cancelled';
  agent: string | null;
  agentName: string | null;
  /** The previous holder, on `taken_over`. */
  from: string | null;
  at: number;
}

/** A hand-off ticket as stored. `agent` is always the current holder's id. */
export interface Ticket {
  id: string;
  conversationId: string;
  channel: ChannelName;
  lang: Lang;
  priority: 'normal' | 'urgent';
  status: TicketStatus;
  summary: TicketSummary;
  agent: string | null;
  agentName: string | null;
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Whether a ticket still has a person (or is waiting for one). */
export const isOpen = (status: TicketStatus): boolean => status === 'waiting' || status === 'claimed';

/** When agents are at work. */
export interface AgentHours {
  isOpen(at: number): boolean;
  /** The next opening, as local time text ("9:00"). */
  nextOpen(at: number): string;
  /** The hours as text ("9:00-20:00"). */
  describe(): string;
  /** Seconds between two instants that fall inside business hours (for agents' wait and handling times). */
  secondsWithin(from: number, to: number): number;
}
