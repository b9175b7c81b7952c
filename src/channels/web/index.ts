import type { IncomingMessage, ServerResponse } from 'node:http';
import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import type { Storage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import { BotError, formatIssues } from '../../core/errors.js';
import type { BotResult, Reply } from '../../core/types.js';
import type { MessageHandler } from '../../bot.js';
import type { OutboundMessage } from '../../bus.js';
import type { Http } from '../../http/server.js';
import { asBotError, readJson, sendError, sendJson } from '../../http/index.js';
import type { Logger } from '../../log.js';
import { SecureWebAdapter, type SocketPresence } from './adapter.js';
import type { WebIdentity } from './identity.js';

/** The webhook body of Botkit's web convention, as this bot accepts it. */
const WebhookBody = z.object({
  type: z.literal('message'),
  text: z.string(),
  user: z.string().min(1).max(100),
  channel: z.string().max(20).optional(),
});

/** Flood control: 0 when the request may go on, else the seconds to wait. */
export type Admit = (kind: 'user' | 'ip', key: string) => Promise<number>;

export interface WebChannelOptions {
  http: Http;
  bot: MessageHandler;
  /** A conversation's transcript, for the widget's history. */
  history: (conversationId: string) => Promise<unknown[]>;
  identity: WebIdentity;
  log: Logger;
  allowedOrigins: string[];
  admit: Admit;
  /** Websockets the process holds at most. */
  maxSockets: number;
  /** Records where sockets are, when several instances share the database. */
  presence?: SocketPresence;
}

export interface WebChannel {
  adapter: SecureWebAdapter;
  controller: Botkit;
  /** Pushes an agent's message or a notice to a user's open sockets here; false when none is open. */
  deliver: (conversationId: string, message: OutboundMessage) => boolean;
}

const BODY_LIMIT = 64 * 1024;

/** A Botkit storage that keeps nothing: the bot keeps its own state, and Botkit's memory storage would keep a dialog state per conversation forever. */
class NoStorage implements Storage {
  read(): Promise<StoreItems> {
    return Promise.resolve({});
  }
  write(): Promise<void> {
    return Promise.resolve();
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The web channel: `POST /api/session` for a signed user id, `GET
 * /api/history` for the widget, and `/api/messages` both ways: the webhook
 * of Botkit's web convention (a lean route on the raw server: JSON in, the
 * turn's replies out) and the widget's websocket through Botkit's web adapter.
 * It translates between the wire and `Inbound` / `BotResult` and does nothing else.
 */
export function mountWebChannel(o: WebChannelOptions): WebChannel {
  const { http, identity, log } = o;

  /** Throws `rate_limited` when `key` has used its share. */
  const admit = async (kind: 'user' | 'ip', key: string) => {
    const wait = await o.admit(kind, key);
    if (wait > 0) throw new BotError('rate_limited', `too many messages; try again in ${wait} s`, { retryAfter: wait });
  };
  /** The user id of a request, or `unauthorized` / `session_expired`. */
  const userOf = (user: unknown): string => {
    const check = identity.check(user);
    if (check === 'expired') throw new BotError('session_expired', 'this user id has expired; ask POST /api/session for a new one');
    if (check !== 'ok') throw new BotError('unauthorized', 'unknown user id; ask POST /api/session for one');
    return user as string;
  };

  http.route('POST', '/api/session', (req, res) => {
    admit('ip', http.clientAddress(req)).then(
      () => sendJson(res, { user: identity.issue() }),
      (err: unknown) => sendError(res, err, log),
    );
  });

  http.app.get('/api/history', async (req, res) => {
    res.json({ messages: await o.history(userOf(req.query.user)) });
  });

  const webhook = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await admit('ip', http.clientAddress(req));
    const parsed = WebhookBody.safeParse(await readJson(req, BODY_LIMIT));
    if (!parsed.success) throw new BotError('bad_request', `invalid message: ${formatIssues(parsed.error.issues, 1)}`);
    const user = userOf(parsed.data.user);
    await admit('user', user);
    const result = await o.bot.handle({ conversationId: user, channel: 'web', text: parsed.data.text, at: Date.now() });
    if (result.rejected === 'too_long') throw new BotError('too_large', result.replies[0]?.text ?? 'message too long');
    sendJson(res, result.replies); // relayed to an agent: []
  };
  http.route('POST', '/api/messages', (req, res) => void webhook(req, res).catch((err: unknown) => sendError(res, err, log)));

  const adapter = new SecureWebAdapter({
    server: http.server,
    check: (user) => identity.check(user),
    log,
    allowedOrigins: o.allowedOrigins,
    maxSockets: o.maxSockets,
    presence: o.presence,
    admit: (user) => o.admit('user', user),
  });
  /** A websocket turn that failed: the widget is asked to send again (a down database is logged once, by the store). */
  const turnFailed = (user: string, err: unknown) => {
    const e = asBotError(err);
    if (e.code === 'unavailable') return void adapter.push(user, { type: 'error', error: e.code, message: e.message, ...e.details });
    log.error({ err }, 'websocket turn failed');
    adapter.push(user, { type: 'error', error: 'internal', message: 'the message could not be processed; please send it again' });
  };
  adapter.onTurnError = (context, err) => Promise.resolve(turnFailed(context.activity.from.id, err));
  const controller = new Botkit({ adapter, disable_webserver: true, storage: new NoStorage(), disable_console: true });
  controller.on('message', async (worker: BotWorker, message: BotkitMessage) => {
    const user = message.user;
    adapter.push(user, { type: 'typing' });
    let result: BotResult;
    try {
      result = await o.bot.handle({ conversationId: user, channel: 'web', text: String(message.text ?? ''), at: Date.now() });
    } catch (err) {
      return turnFailed(user, err); // here, not through Botkit, which would print it and wrap it into a plain Error
    }
    for (const frame of socketFrames(result)) adapter.push(user, frame);
    for (const reply of result.rejected || result.relayed ? [] : result.replies) await worker.reply(message, toActivity(reply));
  });

  return { adapter, controller, deliver: (conversationId, message) => adapter.push(conversationId, message) };
}

/** Frames a socket gets besides the replies: an error for a rejected message, the end of the typing dots when the message went to an agent. */
function socketFrames(result: BotResult): object[] {
  if (result.rejected) return [{ type: 'error', error: 'too_large', message: result.replies[0]?.text ?? '' }];
  return result.relayed ? [{ type: 'typing', done: true }] : [];
}

/** A reply as a Botkit message: quick replies, meta, id and language ride in channelData, which the adapter flattens. */
function toActivity(reply: Reply): Partial<BotkitMessage> {
  const { type, text, ...rest } = reply;
  return { type, text, channelData: { from: 'bot', ...rest } };
}
