/**
 * The Slack channel (Bolt): DMs and mentions in, the engine's replies out as
 * Block Kit; quick-reply clicks count as typing the payload. Over HTTP it
 * mounts `POST /slack/events` on the server's own express app (Bolt verifies
 * the signature); with an app token it uses Socket Mode instead. Events are
 * acknowledged at once and handled after; a retried event is answered once.
 */
import { App, ExpressReceiver, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Express } from 'express';
import type { MessageHandler } from '../../bot.js';
import type { Bus } from '../../bus.js';
import { BotError } from '../../core/errors.js';
import type { Deliver, HelpDesk } from '../../handoff/desk.js';
import type { Ticket } from '../../handoff/types.js';
import type { AgentLabels } from '../../agent/labels.js';
import type { Logger } from '../../log.js';
import type { SlackPlace, SlackRepo } from '../../store/repos/slack.js';
import { SlackAgentRelay } from './agents.js';
import { Serial, SlackApi } from './api.js';
import { CLAIM_ACTION, CLOSE_ACTION, QUICK_REPLY_ACTION, TAKEOVER_ACTION, fromSlack, renderReply, withChoice, type Block } from './render.js';

export interface SlackChannelOptions {
  /** The server's express app: `POST /slack/events` is mounted on it in HTTP mode. */
  app: Express;
  bot: MessageHandler;
  desk: HelpDesk;
  bus: Bus;
  /** The Slack tables (shared by every instance on the database). */
  store: SlackRepo;
  labels: AgentLabels;
  /** Tickets waiting when Slack connects, and one ticket by id. */
  tickets: { waiting(): Promise<Ticket[]>; get(id: string): Promise<Ticket | undefined> };
  log: Logger;
  botToken: string;
  /** HTTP mode. */
  signingSecret?: string;
  /** Socket Mode (wins over the signing secret when both are set). */
  appToken?: string;
  /** The Web API's base URL (a local fake in tests). */
  apiUrl?: string;
  /** The agents' channel id; without it tickets are not posted to Slack. */
  agentChannel?: string;
  /** Web API retries; Slack's "five retries in five minutes" unless given (tests pass few, short ones). */
  retryConfig?: webApi.RetryOptions;
  /** Seconds between connection attempts when auth.test fails at start. */
  reconnectSeconds?: number;
}

export interface SlackChannel {
  mode: 'http' | 'socket';
  /** Pushes an agent's reply or a notice to a Slack user's DM or thread (register with the help desk). */
  deliver: Deliver;
  /** Checks the token (auth.test), connects in Socket Mode, starts the agents' relay. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every received event has been handled (for tests and shutdown). */
  idle(): Promise<void>;
}

/** The fields of a message / app_mention event the channel reads. */
interface SlackEvent {
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  team?: string;
}

/** The fields of a block_actions payload the channel reads. */
interface ClickBody {
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
  message?: { ts: string; thread_ts?: string; text?: string; blocks?: Block[] };
}
interface ClickAction {
  value?: string;
  text?: { text: string };
}

/** Bolt's logger interface over the one pino logger. */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ module: 'slack' });
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
  return {
    debug: (...a) => child.debug(line(a)),
    info: (...a) => child.info(line(a)),
    warn: (...a) => child.warn(line(a)),
    error: (...a) => child.error(line(a)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

const plainMessage = (e: SlackEvent) =>
  (e.subtype === undefined || e.subtype === 'thread_broadcast') && !e.bot_id && Boolean(e.user) && typeof e.text === 'string';

/** Mounts the Slack channel (routes now, connection on `start()`). */
export function mountSlackChannel(o: SlackChannelOptions): SlackChannel {
  const mode = o.appToken ? 'socket' : 'http';
  if (mode === 'http' && !o.signingSecret) throw new BotError('bad_config', 'Slack over HTTP needs SLACK_SIGNING_SECRET');
  const logger = boltLogger(o.log);
  const clientOptions = {
    retryConfig: o.retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/` } : {}),
  };
  const receiver = mode === 'http' ? new ExpressReceiver({ signingSecret: o.signingSecret!, app: o.app, logger, endpoints: '/slack/events' }) : undefined;
  const app = new App({
    token: o.botToken,
    logger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
    ...(receiver ? { receiver } : { socketMode: true, appToken: o.appToken! }),
  });
  const store = o.store;
  const api = new SlackApi(app.client, o.log);
  const serial = new Serial(o.log);
  const relay = o.agentChannel
    ? new SlackAgentRelay({
        api,
        desk: o.desk,
        bus: o.bus,
        store,
        labels: o.labels,
        channel: o.agentChannel,
        serial,
        log: o.log,
        waiting: () => o.tickets.waiting(),
        ticket: (id) => o.tickets.get(id),
      })
    : undefined;
  const running = new Set<Promise<void>>();

  /** One user message through the engine, its replies posted where the user wrote. */
  const userTurn = (conversationId: string, place: SlackPlace, text: string) =>
    serial.run(conversationId, async () => {
      const at = Date.now();
      await store.remember(conversationId, place, at);
      const { replies } = await o.bot.handle({ conversationId, channel: 'slack', text, at }); // a too-long message gets a polite request to shorten it
      for (const reply of replies) if (!(await api.post(place, renderReply(reply)))) break;
    });

  // Retried events (same event_id) are dropped; everything else is tracked until handled.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await store.firstTime(`event:${eventId}`, Date.now()))) {
      o.log.debug({ event: eventId }, 'slack: retried event ignored');
      return;
    }
    const handled = next();
    running.add(handled);
    try {
      await handled;
    } finally {
      running.delete(handled);
    }
  });

  app.event('message', async ({ event, body, context }) => {
    const e = event as unknown as SlackEvent;
    if (!plainMessage(e) || e.user === context.botUserId) return;
    const team = (body as { team_id?: string }).team_id ?? e.team ?? '';
    const place: SlackPlace = e.thread_ts ? { channel: e.channel, threadTs: e.thread_ts } : { channel: e.channel };
    if (e.channel_type === 'im') return userTurn(`slack:${team}:${e.user}`, place, fromSlack(e.text!));
    const ticketId = await relay?.ticketOf(e.channel, e.thread_ts);
    if (ticketId) return relay!.agentMessage(ticketId, e.user!, e.text!, e.thread_ts!);
    if (context.botUserId && e.text!.includes(`<@${context.botUserId}`)) return; // the app_mention event answers it
    const threadKey = `slack:${team}:${e.user}:${e.thread_ts}`;
    if (e.thread_ts && (await store.place(threadKey))) return userTurn(threadKey, place, fromSlack(e.text!));
  });

  app.event('app_mention', async ({ event, body, context }) => {
    const e = event as unknown as SlackEvent;
    if (!plainMessage(e) || e.user === context.botUserId || (await relay?.ticketOf(e.channel, e.thread_ts))) return;
    const team = (body as { team_id?: string }).team_id ?? e.team ?? '';
    const threadTs = e.thread_ts ?? e.ts;
    return userTurn(`slack:${team}:${e.user}:${threadTs}`, { channel: e.channel, threadTs }, fromSlack(e.text!));
  });

  app.action(QUICK_REPLY_ACTION, async ({ ack, body, action }) => {
    await ack();
    const b = body as unknown as ClickBody;
    const a = action as ClickAction;
    const channel = b.channel?.id ?? b.container?.channel_id;
    const ts = b.message?.ts ?? b.container?.message_ts;
    if (!channel || !ts || a.value === undefined) return;
    if (!(await store.firstTime(`click:${channel}:${ts}`, Date.now()))) return; // one answer per question, even on a double click
    const team = b.team?.id ?? b.user.team_id ?? '';
    const dm = channel.startsWith('D');
    const threadTs = b.message?.thread_ts ?? b.container?.thread_ts ?? (dm ? undefined : ts);
    if (b.message?.blocks) await api.update(channel, ts, { text: b.message.text ?? '', blocks: withChoice(b.message.blocks, a.text?.text ?? a.value) });
    const conversationId = dm ? `slack:${team}:${b.user.id}` : `slack:${team}:${b.user.id}:${threadTs}`;
    await userTurn(conversationId, threadTs ? { channel, threadTs } : { channel }, a.value);
  });

  if (relay) {
    for (const [id, act] of [
      [CLAIM_ACTION, relay.claim.bind(relay)],
      [TAKEOVER_ACTION, relay.takeOver.bind(relay)],
      [CLOSE_ACTION, relay.close.bind(relay)],
    ] as const) {
      app.action(id, async ({ ack, body, action }) => {
        await ack();
        const b = body as unknown as ClickBody;
        const ticketId = (action as ClickAction).value;
        const channel = b.channel?.id ?? b.container?.channel_id;
        if (ticketId && channel) await act(ticketId, b.user.id, channel);
      });
    }
  }

  app.error((err) => {
    o.log.error({ code: err.code, err: err.message }, 'slack: event failed');
    return Promise.resolve();
  });

  let timer: NodeJS.Timeout | undefined;
  let connected = false;
  let stopped = false;
  const connect = async (): Promise<void> => {
    try {
      await app.init();
      if (stopped) return;
      if (mode === 'socket') await app.start();
      connected = true;
      await relay?.attach();
    } catch (e) {
      if (stopped) return;
      const err = e as { code?: string; data?: { error?: string }; message?: string };
      const seconds = o.reconnectSeconds ?? 30;
      o.log.error({ code: err.code, error: err.data?.error ?? err.message }, `slack: could not connect; trying again in ${seconds} s`);
      timer = setTimeout(() => void connect(), seconds * 1000);
      timer.unref();
    }
  };

  const idle = async () => {
    while (running.size > 0) {
      await Promise.allSettled([...running]);
      await serial.idle();
    }
    await serial.idle();
  };

  return {
    mode,
    deliver: async (conversationId, message) => {
      const place = await store.place(conversationId);
      if (!place) return false;
      let posted = false;
      await serial.run(conversationId, async () => void (posted = (await api.post(place, renderReply(message))) !== undefined));
      return posted;
    },
    start: connect,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      relay?.detach();
      await idle();
      if (connected && mode === 'socket') await app.stop();
      connected = false;
    },
    idle,
  };
}
