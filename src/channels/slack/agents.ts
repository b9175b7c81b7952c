/**
 * The agents' side of Slack: every hand-off ticket is posted in the agents'
 * channel with Claim / Take over / Close buttons and kept up to date; the
 * ticket's thread is the conversation with the user (whatever channel the
 * user is on). A Slack agent is `slack:<user id>`, shown by display name, so
 * a Slack user called "alice" is not the console's alice.
 */
import { BotError } from '../../core/errors.js';
import type { Bus, DeskMessage, TicketView } from '../../bus.js';
import type { HelpDesk } from '../../handoff/desk.js';
import type { AgentRef, Ticket } from '../../handoff/types.js';
import { label, type AgentLabels } from '../../agent/labels.js';
import type { Logger } from '../../log.js';
import type { SlackRepo } from '../../store/repos/slack.js';
import type { Serial, SlackApi } from './api.js';
import { fromSlack, renderThreadLine, renderTicket } from './render.js';

export interface AgentRelayOptions {
  api: SlackApi;
  desk: HelpDesk;
  bus: Bus;
  store: SlackRepo;
  labels: AgentLabels;
  /** The agents' channel id (C…), where tickets are posted. */
  channel: string;
  serial: Serial;
  log: Logger;
  /** Tickets waiting when Slack connects, to post the ones not posted yet. */
  waiting: () => Promise<Ticket[]>;
  /** A ticket by id, for a refusal's reason. */
  ticket: (id: string) => Promise<Ticket | undefined>;
}

/** Relays between the help desk and a Slack channel of agents. */
export class SlackAgentRelay {
  private off: Array<() => void> = [];

  constructor(private readonly o: AgentRelayOptions) {}

  private readonly onTicket = (ticket: TicketView): void => void this.o.serial.run(`ticket:${ticket.id}`, () => this.show(ticket));

  private readonly onMessage = (m: DeskMessage): void => {
    if (m.via === 'slack' || (m.role !== 'user' && m.role !== 'agent')) return; // a Slack agent's own line is in the thread already
    void this.o.serial.run(`ticket:${m.ticketId}`, async () => {
      const posted = await this.o.store.ticketMessage(m.ticketId);
      if (posted)
        await this.o.api.post(
          { channel: posted.channel, threadTs: posted.ts },
          renderThreadLine(m.role === 'user' ? 'user' : 'agent', m.text, this.o.labels, m.agentName),
        );
    });
  };

  /** Starts listening to the desk, and posts tickets that were waiting before Slack was up. */
  async attach(): Promise<void> {
    this.off = [this.o.bus.subscribe('ticket', this.onTicket), this.o.bus.subscribe('message', this.onMessage)];
    for (const t of await this.o.waiting()) if (!(await this.o.store.ticketMessage(t.id))) this.onTicket({ ...t, position: 0 });
  }

  detach(): void {
    for (const unsubscribe of this.off) unsubscribe();
    this.off = [];
  }

  /** The ticket whose thread this is, when it is a ticket thread of the agents' channel. */
  async ticketOf(channel: string, threadTs: string | undefined): Promise<string | undefined> {
    return channel === this.o.channel && threadTs ? this.o.store.ticketAt(channel, threadTs) : undefined;
  }

  /** An agent wrote in a ticket's thread: it goes to the user (claiming the ticket if it was waiting). */
  agentMessage(ticketId: string, user: string, rawText: string, threadTs: string): Promise<void> {
    return this.o.serial.run(`ticket:${ticketId}`, async () => {
      const text = fromSlack(rawText, { keepUrls: true });
      if (!text) return;
      const agent = await this.agent(user);
      try {
        const { delivered } = await this.o.desk.reply(ticketId, agent, text, 'slack');
        if (!delivered) await this.o.api.ephemeral(this.o.channel, user, label(this.o.labels.refusal, 'offline'), threadTs);
      } catch (err) {
        if (!(err instanceof BotError)) throw err;
        const why = await this.refusal(ticketId, err);
        await this.o.api.ephemeral(this.o.channel, user, `${why} ${label(this.o.labels.refusal, 'not_delivered')}`, threadTs);
      }
    });
  }

  /** The Claim button: `desk.claim`, or a note to the agent alone when someone was first. */
  claim(ticketId: string, user: string, channel: string): Promise<void> {
    return this.act(ticketId, user, channel, async (agent) => void (await this.o.desk.claim(ticketId, agent)));
  }

  /** The Take over button: the ticket moves to this agent. */
  takeOver(ticketId: string, user: string, channel: string): Promise<void> {
    return this.act(ticketId, user, channel, async (agent) => void (await this.o.desk.claim(ticketId, agent, { takeover: true })));
  }

  /** The Close button. */
  close(ticketId: string, user: string, channel: string): Promise<void> {
    return this.act(ticketId, user, channel, async (agent) => void (await this.o.desk.close(ticketId, agent, 'closed in Slack')));
  }

  private async agent(user: string): Promise<AgentRef> {
    return { id: `slack:${user}`, name: await this.o.api.userName(user) };
  }

  private async act(ticketId: string, user: string, channel: string, action: (agent: AgentRef) => Promise<void>): Promise<void> {
    const agent = await this.agent(user);
    try {
      await action(agent);
    } catch (err) {
      if (!(err instanceof BotError)) throw err;
      this.o.log.info({ ticket: ticketId, agent: agent.id, code: err.code }, 'slack: ticket action refused');
      const posted = await this.o.store.ticketMessage(ticketId);
      await this.o.api.ephemeral(channel, user, await this.refusal(ticketId, err), posted?.ts);
    }
  }

  /** Why an action on a ticket was refused, for the agent alone. */
  private async refusal(ticketId: string, err: BotError): Promise<string> {
    const ticket = await this.o.ticket(ticketId);
    const vars = { id: ticketId, agent: ticket?.agentName ?? ticket?.agent ?? '?' };
    if (!ticket) return label(this.o.labels.refusal, 'not_found', vars);
    if (err.code === 'not_owner') return label(this.o.labels.refusal, 'not_owner', vars);
    return label(this.o.labels.refusal, ticket.status, vars);
  }

  /** Posts a waiting ticket the first time, then keeps its message in step with its status. */
  private async show(ticket: Ticket): Promise<void> {
    const posted = await this.o.store.ticketMessage(ticket.id);
    if (posted) {
      await this.o.api.update(posted.channel, posted.ts, renderTicket(ticket, this.o.labels));
      return;
    }
    if (ticket.status !== 'waiting') return;
    const ts = await this.o.api.post({ channel: this.o.channel }, renderTicket(ticket, this.o.labels));
    if (ts) await this.o.store.postedTicket(ticket.id, { channel: this.o.channel, ts });
  }
}
