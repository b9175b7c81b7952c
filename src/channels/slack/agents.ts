/**
 * The agents' side of Slack: every hand-off ticket is posted in the agents'
 * channel with Claim / Close buttons and kept up to date; the ticket's thread
 * is the conversation with the user (whatever channel the user is on).
 */
import { BotError } from '../../core/errors.js';
import type { DeskEvents, HelpDesk } from '../../handoff/desk.js';
import type { Ticket } from '../../store/tickets.js';
import type { Logger } from '../../log.js';
import type { Serial, SlackApi } from './api.js';
import { fromSlack, renderThreadLine, renderTicket } from './render.js';
import type { SlackStore } from './store.js';

export interface AgentRelayOptions {
  api: SlackApi;
  desk: HelpDesk;
  store: SlackStore;
  /** The agents' channel id (C…), where tickets are posted. */
  channel: string;
  serial: Serial;
  log: Logger;
}

type DeskMessage = DeskEvents['message'][0];

/** Why an agent's action on a ticket was refused, for the agent alone. */
function refusal(ticketId: string, ticket: Ticket | undefined): string {
  if (!ticket) return `${ticketId} は見つかりません。`;
  if (ticket.status === 'claimed') return `${ticketId} は ${ticket.agent ?? '別の担当者'} さんが対応中です。`;
  if (ticket.status === 'cancelled') return `${ticketId} はユーザーが取り消しました。`;
  return `${ticketId} は終了しています。`;
}

/** Relays between the help desk and a Slack channel of agents. */
export class SlackAgentRelay {
  /** Agent replies this relay sent itself, so the desk's echo of them is not posted back. */
  private readonly sent = new Set<string>();

  constructor(private readonly o: AgentRelayOptions) {}

  private readonly onTicket = (ticket: Ticket): void => void this.o.serial.run(`ticket:${ticket.id}`, () => this.show(ticket));

  private readonly onMessage = (m: DeskMessage): void => {
    if (m.role === 'agent' && this.sent.delete(this.echoKey(m.ticketId, m.text, m.at))) return;
    if (m.role !== 'user' && m.role !== 'agent') return;
    void this.o.serial.run(`ticket:${m.ticketId}`, async () => {
      const posted = this.o.store.ticketMessage(m.ticketId);
      if (posted)
        await this.o.api.post({ channel: posted.channel, threadTs: posted.ts }, renderThreadLine(m.role === 'user' ? 'user' : 'agent', m.text, m.agent));
    });
  };

  /** Starts listening to the desk, and posts tickets that were waiting before Slack was up. */
  attach(): void {
    this.o.desk.on('ticket', this.onTicket);
    this.o.desk.on('message', this.onMessage);
    for (const t of this.o.desk.tickets.list('waiting')) if (!this.o.store.ticketMessage(t.id)) this.onTicket(t);
  }

  detach(): void {
    this.o.desk.off('ticket', this.onTicket);
    this.o.desk.off('message', this.onMessage);
  }

  /** The ticket whose thread this is, when it is a ticket thread of the agents' channel. */
  ticketOf(channel: string, threadTs: string | undefined): string | undefined {
    return channel === this.o.channel && threadTs ? this.o.store.ticketAt(channel, threadTs) : undefined;
  }

  /** An agent wrote in a ticket's thread: it goes to the user (claiming the ticket if it was waiting). */
  agentMessage(ticketId: string, user: string, rawText: string, threadTs: string): Promise<void> {
    return this.o.serial.run(`ticket:${ticketId}`, async () => {
      const text = fromSlack(rawText, { keepUrls: true });
      if (!text) return;
      const agent = await this.o.api.userName(user);
      const at = Date.now();
      const key = this.echoKey(ticketId, text, at);
      this.sent.add(key);
      try {
        const { delivered } = await this.o.desk.reply(ticketId, agent, text, at);
        if (!delivered)
          await this.o.api.ephemeral(this.o.channel, user, 'ユーザーは今オフラインです。メッセージは履歴に残り、次に開いたときに表示されます。', threadTs);
      } catch (err) {
        this.sent.delete(key);
        if (!(err instanceof BotError)) throw err;
        await this.o.api.ephemeral(
          this.o.channel,
          user,
          `${refusal(ticketId, this.o.desk.tickets.get(ticketId))} メッセージはユーザーに届いていません。`,
          threadTs,
        );
      }
    });
  }

  /** The Claim button: `desk.claim`, or a note to the agent alone when someone was first. */
  claim(ticketId: string, user: string, channel: string): Promise<void> {
    return this.act(ticketId, user, channel, (agent) => void this.o.desk.claim(ticketId, agent));
  }

  /** The Close button. */
  close(ticketId: string, user: string, channel: string): Promise<void> {
    return this.act(ticketId, user, channel, (agent) => void this.o.desk.close(ticketId, agent, 'closed in Slack'));
  }

  private async act(ticketId: string, user: string, channel: string, action: (agent: string) => void): Promise<void> {
    const agent = await this.o.api.userName(user);
    try {
      action(agent);
    } catch (err) {
      if (!(err instanceof BotError)) throw err;
      this.o.log.info({ ticket: ticketId, agent, code: err.code }, 'slack: ticket action refused');
      const posted = this.o.store.ticketMessage(ticketId);
      await this.o.api.ephemeral(channel, user, refusal(ticketId, this.o.desk.tickets.get(ticketId)), posted?.ts);
    }
  }

  /** Posts a waiting ticket the first time, then keeps its message in step with its status. */
  private async show(ticket: Ticket): Promise<void> {
    const posted = this.o.store.ticketMessage(ticket.id);
    if (posted) {
      await this.o.api.update(posted.channel, posted.ts, renderTicket(ticket));
      return;
    }
    if (ticket.status !== 'waiting') return;
    const ts = await this.o.api.post({ channel: this.o.channel }, renderTicket(ticket));
    if (ts) this.o.store.postedTicket(ticket.id, { channel: this.o.channel, ts });
  }

  private echoKey(ticketId: string, text: string, at: number): string {
    return `${ticketId}\n${at}\n${text}`;
  }
}
