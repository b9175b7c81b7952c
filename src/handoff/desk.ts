import type { ChannelName, OutcomeEvent } from '../core/types.js';
import { BotError } from '../core/errors.js';
import type { Bus, DeskMessage, OutboundMessage, TicketView } from '../bus.js';
import type { Repos, Store } from '../store/types.js';
import { eventRows } from '../store/repos/events.js';
import { agentClosed, type Brain } from '../dialog/index.js';
import type { Logger } from '../log.js';
import { isOpen, type AgentHours, type AgentRef, type Ticket, type TicketEvent } from './types.js';

/** How a channel delivers a message to one of its users now; false when it cannot (the user is offline here). */
export type Deliver = (conversationId: string, message: OutboundMessage) => boolean | Promise<boolean>;

/** Where users' sockets are across instances (see `Presence`). */
export interface SocketsElsewhere {
  /** This instance's id. */
  readonly instance: string;
  /** Whether a live instance holds a socket of the user. */
  held(conversationId: string): Promise<boolean>;
}

/** A ticket with what happened to it, for the agent API. */
export type TicketDetail = TicketView & { events: TicketEvent[] };

/** What a committed agent action leaves to do: lines to announce and messages to deliver. */
interface Effects {
  ticket: Ticket;
  lines: DeskMessage[];
  deliver: OutboundMessage[];
}

/**
 * The help desk: what agents do to tickets and the relay between them and the
 * user's own channel. The rules of who may act are enforced here, for the
 * console and Slack alike: a waiting ticket may be claimed (a first reply
 * claims it) or closed by any agent; a claimed ticket is answered and closed
 * by its holder only (others: `not_owner`), a plain claim of it is a conflict
 * for everyone, and `takeover` moves it to a new holder; a closed or
 * cancelled ticket takes no action. Every line is saved before it is
 * announced or delivered, so a user who was away finds it in their history.
 */
export class HelpDesk {
  private readonly channels = new Map<ChannelName, Deliver>();

  constructor(
    private readonly store: Store,
    private readonly brain: Brain,
    private readonly hours: AgentHours,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly sockets?: SocketsElsewhere,
  ) {}

  /** A channel registers how it pushes messages to its users. */
  registerChannel(name: ChannelName, deliver: Deliver): void {
    this.channels.set(name, deliver);
  }

  /** A ticket as the API shows it, with its place in the queue. */
  async view(ticket: Ticket): Promise<TicketView> {
    return { ...ticket, position: ticket.status === 'waiting' ? await this.store.tickets.position(ticket.id) : 0 };
  }

  async detail(ticketId: string): Promise<TicketDetail> {
    const ticket = await this.store.tickets.get(ticketId);
    if (!ticket) throw new BotError('not_found', `no ticket ${ticketId}`);
    return { ...(await this.view(ticket)), events: await this.store.tickets.events(ticketId) };
  }

  /** Announces a ticket the bot opened (after the turn that opened it was saved). */
  async opened(ticketId: string): Promise<void> {
    const ticket = await this.store.tickets.get(ticketId);
    if (!ticket) return;
    this.log.info({ conversation: ticket.conversationId, ticket: ticket.id, priority: ticket.priority }, 'hand-off ticket opened');
    this.bus.publish('ticket', await this.view(ticket));
  }

  /** A user's message while their ticket is open: agents see it live. */
  userMessage(ticketId: string, line: { id: number; text: string; at: number }): void {
    this.bus.publish('message', { ticketId, role: 'user', ...line });
  }

  /** The user cancelled from their side (the turn already did it in the store). */
  async cancelled(ticketId: string): Promise<void> {
    const ticket = await this.store.tickets.get(ticketId);
    if (ticket) this.bus.publish('ticket', await this.view(ticket));
  }

  /** Claims a waiting ticket, or with `takeover` moves a claimed one to `agent`. */
  async claim(ticketId: string, agent: AgentRef, options: { takeover?: boolean } = {}, at = Date.now()): Promise<Ticket> {
    const effects = await this.store.tx(async (r) => {
      const ticket = await this.openTicket(r, ticketId);
      if (ticket.status === 'claimed') {
        if (!options.takeover) throw new BotError('conflict', `${ticketId} is already claimed by ${ticket.agentName ?? ticket.agent}`, { agent: ticket.agent });
        if (ticket.agent === agent.id) return { ticket, lines: [], deliver: [] };
        return this.takeOver(r, ticket, agent, at);
      }
      return this.claimWaiting(r, ticket, agent, at);
    });
    await this.announce(effects);
    return effects.ticket;
  }

  /** An agent's reply: saved, then delivered to the user's channel. A first reply to a waiting ticket claims it. */
  async reply(ticketId: string, agent: AgentRef, text: string, via = 'console', at = Date.now()): Promise<{ id: number; delivered: boolean }> {
    let lineId = 0;
    const effects = await this.store.tx(async (r) => {
      let ticket = await this.openTicket(r, ticketId);
      let before: Effects = { ticket, lines: [], deliver: [] };
      if (ticket.status === 'waiting') before = await this.claimWaiting(r, ticket, agent, at);
      else this.requireHolder(ticket, agent);
      ticket = before.ticket;
      lineId = await r.transcript.append(ticket.conversationId, 'agent', text, at, { agent: agent.name });
      const line: DeskMessage = { ticketId, id: lineId, role: 'agent', text, at, agent: agent.id, agentName: agent.name, via };
      const message: OutboundMessage = { type: 'message', text, id: lineId, from: 'agent' };
      return { ticket, lines: [...before.lines, line], deliver: [...before.deliver, message] };
    });
    const delivered = await this.announce(effects);
    return { id: lineId, delivered };
  }

  /** Closes a ticket (its holder, or anyone while it waits); the bot takes the conversation back and says so. */
  async close(ticketId: string, agent: AgentRef, note: string, at = Date.now()): Promise<Ticket> {
    const effects = await this.store.tx(async (r) => {
      const ticket = await this.openTicket(r, ticketId);
      if (ticket.status === 'claimed') this.requireHolder(ticket, agent);
      const holder = ticket.status === 'claimed' ? { id: ticket.agent, name: ticket.agentName } : { id: agent.id, name: agent.name };
      await r.tickets.update(ticketId, { status: 'closed', agent: holder.id, agentName: holder.name, note, at });
      await r.tickets.addEvent(ticketId, { type: 'closed', agent: agent.id, agentName: agent.name, from: null, at });
      const since = (await r.tickets.events(ticketId)).find((e) => e.type === 'claimed')?.at ?? at;
      await this.outcome(r, ticket, { type: 'ticket_closed', ...this.durations(since, at) }, at);
      const closed: Ticket = { ...ticket, status: 'closed', agent: holder.id, agentName: holder.name, note, updatedAt: at };
      return this.handBack(r, closed, at);
    });
    await this.announce(effects);
    return effects.ticket;
  }

  private async openTicket(r: Repos, ticketId: string): Promise<Ticket> {
    const ticket = await r.tickets.get(ticketId, true);
    if (!ticket) throw new BotError('not_found', `no ticket ${ticketId}`);
    if (!isOpen(ticket.status)) throw new BotError('conflict', `${ticketId} is ${ticket.status}`, { status: ticket.status });
    return ticket;
  }

  private requireHolder(ticket: Ticket, agent: AgentRef): void {
    if (ticket.agent !== agent.id)
      throw new BotError('not_owner', `${ticket.id} is handled by ${ticket.agentName ?? ticket.agent}; take it over first`, { agent: ticket.agent });
  }

  private async claimWaiting(r: Repos, ticket: Ticket, agent: AgentRef, at: number): Promise<Effects> {
    await r.tickets.update(ticket.id, { status: 'claimed', agent: agent.id, agentName: agent.name, at });
    await r.tickets.addEvent(ticket.id, { type: 'claimed', agent: agent.id, agentName: agent.name, from: null, at });
    await this.outcome(r, ticket, { type: 'ticket_claimed', ...this.durations(ticket.createdAt, at) }, at);
    const claimed: Ticket = { ...ticket, status: 'claimed', agent: agent.id, agentName: agent.name, updatedAt: at };
    return this.notice(r, claimed, 'handoff.claimed', at);
  }

  private async takeOver(r: Repos, ticket: Ticket, agent: AgentRef, at: number): Promise<Effects> {
    await r.tickets.update(ticket.id, { status: 'claimed', agent: agent.id, agentName: agent.name, at });
    await r.tickets.addEvent(ticket.id, { type: 'taken_over', agent: agent.id, agentName: agent.name, from: ticket.agent, at });
    const taken: Ticket = { ...ticket, agent: agent.id, agentName: agent.name, updatedAt: at };
    return this.notice(r, taken, 'handoff.taken_over', at);
  }

  /** Seconds between two instants, in all and within business hours (agents' wait and handling times). */
  private durations(from: number, to: number): Pick<OutcomeEvent, 'value' | 'valueBh'> {
    return { value: Math.max(0, (to - from) / 1000), valueBh: this.hours.secondsWithin(from, to) };
  }

  private async outcome(r: Repos, ticket: Ticket, event: OutcomeEvent, at: number): Promise<void> {
    await r.events.add(
      eventRows({ at, conversationId: ticket.conversationId, episode: ticket.summary.episode ?? null, channel: ticket.channel, lang: ticket.lang }, [event]),
    );
  }

  /**
   * The bot takes the conversation back: it says so and asks the user to rate
   * the agent's help (the engine decides what is said; it is saved with the
   * state and events in the close's own unit).
   */
  private async handBack(r: Repos, ticket: Ticket, at: number): Promise<Effects> {
    const id = ticket.conversationId;
    const previous = await r.conversations.load(id, true);
    const { state, replies, events } = await agentClosed(this.brain, previous, ticket.summary.episode, at);
    await r.conversations.save(id, ticket.channel, state, null);
    const lines: DeskMessage[] = [];
    const deliver: OutboundMessage[] = [];
    const ids = await r.transcript.appendAll(
      id,
      replies.map((reply) => ({ role: 'bot' as const, text: reply.text, at, extra: reply })),
    );
    for (const [i, reply] of replies.entries()) {
      reply.id = ids[i]!;
      lines.push({ ticketId: ticket.id, id: reply.id, role: 'system', text: reply.text, at });
      deliver.push({ ...reply, from: 'bot' });
    }
    await r.events.add(eventRows({ at, conversationId: id, episode: null, channel: ticket.channel, lang: state.lang }, events));
    return { ticket, lines, deliver };
  }

  /** A notice to the user about their ticket, saved in the transcript. */
  private async notice(r: Repos, ticket: Ticket, key: string, at: number): Promise<Effects> {
    const text = this.brain.texts.get(ticket.lang, key);
    const id = await r.transcript.append(ticket.conversationId, 'bot', text, at, { lang: ticket.lang });
    return {
      ticket,
      lines: [{ ticketId: ticket.id, id, role: 'system', text, at }],
      deliver: [{ type: 'message', text, id, lang: ticket.lang, from: 'bot' }],
    };
  }

  /** After the commit: agents' screens hear of the ticket and its lines, the user gets the messages. Resolves to whether the last one reached the user now. */
  private async announce(effects: Effects): Promise<boolean> {
    this.bus.publish('ticket', await this.view(effects.ticket));
    for (const line of effects.lines) this.bus.publish('message', line);
    let delivered = false;
    for (const message of effects.deliver) delivered = await this.deliver(effects.ticket, message);
    return delivered;
  }

  private async deliver(ticket: Ticket, message: OutboundMessage): Promise<boolean> {
    const deliver = this.channels.get(ticket.channel);
    let here = false;
    try {
      here = deliver ? await deliver(ticket.conversationId, message) : false;
    } catch (err) {
      this.log.warn({ conversation: ticket.conversationId, ticket: ticket.id, err: String(err) }, 'delivery to the user failed; kept in the transcript');
    }
    if (!this.bus.distributed) return here;
    // Other instances may hold the user's sockets (the only one, or another tab): each pushes it to those it holds.
    const pushedBy = here ? this.sockets?.instance : undefined;
    this.bus.publish('deliver', { conversationId: ticket.conversationId, channel: ticket.channel, message, ...(pushedBy ? { pushedBy } : {}) });
    return here || ((await this.sockets?.held(ticket.conversationId)) ?? false);
  }
}
