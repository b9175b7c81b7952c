/**
 * Test harness for the Slack channel: the real server pieces (express app,
 * SQLite in memory, brain, bot, help desk, the real Bolt app on
 * `POST /slack/events`) on an ephemeral port, a fake Slack Web API that
 * records every call, and helpers that send signed events and clicks.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { assemble, type Core } from '../../../src/app.js';
import type { Bot } from '../../../src/bot.js';
import type { OutboundMessage } from '../../../src/bus.js';
import { mountSlackChannel, type SlackChannel } from '../../../src/channels/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import type { HelpDesk } from '../../../src/handoff/desk.js';
import { loadAgentLabels } from '../../../src/agent/labels.js';
import { createHttp } from '../../../src/http/index.js';
import { createLogger } from '../../../src/log.js';
import { Nlu } from '../../../src/nlu/index.js';
import type { Store } from '../../../src/store/types.js';

const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEAM = 'T0TEAM';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const AGENT_CHANNEL = 'C0AGENTS';

/** One Web API call as the fake received it (form fields, JSON ones parsed). */
export interface ApiCall {
  method: string;
  args: Record<string, unknown> & { channel?: string; text?: string; ts?: string; thread_ts?: string; blocks?: Array<Record<string, unknown>> };
  /** The ts the fake answered with (chat.postMessage). */
  ts?: string;
}

type Override = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

/** Fixed answers for methods the fake does not know (apps.connections.open in Socket Mode tests). */
export type Answers = Record<string, Record<string, unknown>>;

/** A local stand-in for https://slack.com/api/: answers like Slack and records each call. */
class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly answers: Answers = {};
  private readonly overrides = new Map<string, Override[]>();
  private server?: Server;
  private seq = 0;
  url = '';

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) =>
        void this.answer(req).then(({ status, headers, body }) =>
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body)),
        ),
    );
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next call of `method` gets this answer instead (queued, one per call). */
  failNext(method: string, override: Override): void {
    this.overrides.set(method, [...(this.overrides.get(method) ?? []), override]);
  }

  of(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages posted (chat.postMessage) in a channel, optionally in one thread. */
  posts(channel: string, threadTs?: string): ApiCall[] {
    return this.of('chat.postMessage').filter((c) => c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs));
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: Record<string, unknown> }> {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const args: Record<string, unknown> = {};
    if ((req.headers['content-type'] ?? '').includes('json')) Object.assign(args, JSON.parse(raw || '{}'));
    else for (const [k, v] of new URLSearchParams(raw)) args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    const override = this.overrides.get(method)?.shift();
    const call: ApiCall = { method, args: args };
    this.calls.push(call);
    if (override) return { status: override.status ?? 200, ...(override.headers ? { headers: override.headers } : {}), body: override.body };
    switch (method) {
      case 'auth.test':
        return { status: 200, body: { ok: true, user_id: BOT_USER, bot_id: BOT_ID, team_id: TEAM, user: 'dbarai-help', team: 'Test' } };
      case 'chat.postMessage':
        call.ts = `1700000000.${String(++this.seq).padStart(6, '0')}`;
        return { status: 200, body: { ok: true, channel: args.channel, ts: call.ts, message: { text: args.text, ts: call.ts } } };
      case 'chat.update':
        return { status: 200, body: { ok: true, channel: args.channel, ts: args.ts } };
      case 'chat.postEphemeral':
        return { status: 200, body: { ok: true, message_ts: `1700000001.${String(++this.seq).padStart(6, '0')}` } };
      case 'users.info':
        return { status: 200, body: { ok: true, user: { id: args.user, name: 'sato', real_name: '佐藤 花子', profile: { display_name: '佐藤' } } } };
      default:
        return { status: 200, body: this.answers[method] ?? { ok: false, error: 'unknown_method' } };
    }
  }
}

/** Signs a request body the way Slack does (v0, HMAC-SHA256). */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

// One trained classifier for every test file that imports the harness (training is the slow part).
const nlu = new Nlu();

export interface Harness {
  url: string;
  fake: FakeSlackApi;
  slack: SlackChannel;
  core: Core;
  bot: Bot;
  desk: HelpDesk;
  store: Store;
  /** Messages the help desk delivered to web users, by conversation. */
  web: Array<{ conversationId: string; message: OutboundMessage }>;
  /** Parsed log lines. */
  logs: Array<Record<string, unknown> & { msg?: string }>;
  /** Posts a signed body to /slack/events. */
  send(body: string, o?: { contentType?: string; signature?: string; timestamp?: number; retryNum?: number }): Promise<Response>;
  /** Sends an Events API event (event_callback) and waits until it is handled. */
  event(event: Record<string, unknown>, o?: { eventId?: string; retryNum?: number }): Promise<Response>;
  /** Clicks a button of a posted message (block_actions) and waits until it is handled. */
  click(message: ApiCall, actionId: string, o?: { user?: string; channel?: string }): Promise<Response>;
  close(): Promise<void>;
}

let eventSeq = 0;

/** Starts the server pieces as src/main.ts wires them, Slack in HTTP mode against a fake Web API. */
export async function startHarness(o: { agentChannel?: string; appToken?: string; reconnectSeconds?: number; answers?: Answers } = {}): Promise<Harness> {
  const fake = new FakeSlackApi();
  await fake.start();
  Object.assign(fake.answers, o.answers ?? {});
  const logs: Harness['logs'] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Harness['logs'][number]);
      done();
    },
  });
  const log = createLogger('debug', sink);
  const core = await assemble(loadConfig({ BOT_DB: ':memory:', AGENT_HOURS: '00:00-24:00' }), { log, defaultMetrics: false, nlu });
  const { store, desk, bot, bus } = core;
  const http = createHttp({ log, version: 'test', allowedOrigins: [], trustProxy: 0 });
  const web: Harness['web'] = [];
  desk.registerChannel('web', (conversationId, message) => {
    web.push({ conversationId, message });
    return true;
  });
  const slack = mountSlackChannel({
    app: http.app,
    bot,
    desk,
    bus,
    store: store.slack,
    labels: loadAgentLabels(),
    tickets: { waiting: () => store.tickets.list('waiting'), get: (id) => store.tickets.get(id) },
    log,
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.url,
    ...(o.agentChannel ? { agentChannel: o.agentChannel } : {}),
    ...(o.appToken ? { appToken: o.appToken } : {}),
    ...(o.reconnectSeconds ? { reconnectSeconds: o.reconnectSeconds } : {}),
    retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 },
  });
  desk.registerChannel('slack', slack.deliver);
  http.finish();
  await slack.start();
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  http.ready();
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;

  const send: Harness['send'] = (body, s = {}) => {
    const timestamp = s.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': s.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': s.signature ?? sign(body, timestamp),
    };
    if (s.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(s.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return fetch(`${url}/slack/events`, { method: 'POST', headers, body });
  };

  const settled = async (res: Response) => {
    await res.arrayBuffer();
    await slack.idle();
    return res;
  };

  return {
    url,
    fake,
    slack,
    core,
    bot,
    desk,
    store,
    web,
    logs,
    send,
    event: async (event, e = {}) => {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: TEAM,
        api_app_id: 'A0APP',
        type: 'event_callback',
        event_id: e.eventId ?? `Ev${String(++eventSeq).padStart(8, '0')}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
        event: { event_ts: event.ts, ...event },
      });
      return settled(await send(body, e.retryNum !== undefined ? { retryNum: e.retryNum } : {}));
    },
    click: async (message, actionId, c = {}) => {
      const blocks = message.args.blocks ?? [];
      const actions = blocks.find((b) => b.type === 'actions') as
        { block_id: string; elements: Array<{ action_id: string; value: string; text: { text: string } }> } | undefined;
      const button = actions?.elements.find((el) => el.action_id === actionId);
      if (!actions || !button) throw new Error(`no button ${actionId} on ${JSON.stringify(message.args.text)}`);
      const channel = c.channel ?? message.args.channel!;
      const ts = message.ts ?? message.args.ts!;
      const payload = {
        type: 'block_actions',
        team: { id: TEAM, domain: 'test' },
        user: { id: c.user ?? 'U0USER', username: 'user', team_id: TEAM },
        api_app_id: 'A0APP',
        token: 'legacy',
        trigger_id: '1.2.3',
        container: {
          type: 'message',
          message_ts: ts,
          channel_id: channel,
          is_ephemeral: false,
          ...(message.args.thread_ts ? { thread_ts: message.args.thread_ts } : {}),
        },
        channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'help' },
        message: {
          type: 'message',
          user: BOT_USER,
          bot_id: BOT_ID,
          ts,
          text: message.args.text,
          blocks,
          ...(message.args.thread_ts ? { thread_ts: message.args.thread_ts } : {}),
        },
        response_url: `${fake.url}response`,
        actions: [
          {
            type: 'button',
            block_id: actions.block_id,
            action_id: button.action_id,
            value: button.value,
            text: { type: 'plain_text', text: button.text.text },
            action_ts: '1700000002.000000',
          },
        ],
      };
      return settled(await send(`payload=${encodeURIComponent(JSON.stringify(payload))}`, { contentType: 'application/x-www-form-urlencoded' }));
    },
    close: async () => {
      await slack.stop();
      http.server.closeAllConnections();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      await fake.close();
      await core.close();
    },
  };
}

/** The text of a posted message's section blocks (what the user reads). */
export function sectionText(call: ApiCall): string {
  return (call.args.blocks ?? [])
    .filter((b) => b.type === 'section')
    .map((b) => (b.text as { text?: string } | undefined)?.text ?? '')
    .join('\n');
}

/** The buttons of a posted message, as title → payload. */
export function buttons(call: ApiCall): Array<{ action_id: string; title: string; value: string }> {
  const actions = (call.args.blocks ?? []).find((b) => b.type === 'actions') as
    { elements: Array<{ action_id: string; value: string; text: { text: string } }> } | undefined;
  return (actions?.elements ?? []).map((e) => ({ action_id: e.action_id, title: e.text.text, value: e.value }));
}
