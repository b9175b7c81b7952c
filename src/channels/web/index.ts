import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { Reply } from '../../core/types.js';
import type { MessageHandler } from '../../bot.js';
import type { ConversationStore } from '../../store/conversations.js';
import type { Logger } from '../../log.js';
import { SecureWebAdapter } from './adapter.js';
import type { WebIdentity } from './identity.js';
import type { RateLimiter } from '../../ratelimit.js';

/** Flood limits: per signed user id, and per client address. */
export interface WebLimits {
  user: RateLimiter;
  ip: RateLimiter;
  /** Called when a request is refused, to count it. */
  refused?: (what: 'user' | 'ip') => void;
}

/** The webhook body of Botkit's web convention, as this bot accepts it. */
const WebhookBody = z.object({
  type: z.literal('message'),
  text: z.string(),
  user: z.string().min(1).max(100),
  channel: z.string().max(20).optional(),
});

export interface WebChannelOptions {
  app: Express;
  server: Server;
  bot: MessageHandler;
  store: ConversationStore;
  identity: WebIdentity;
  log: Logger;
  allowedOrigins: string[];
  maxChars: number;
  limits: WebLimits;
}

const UNKNOWN_USER = 'unknown user id; ask POST /api/session for one';

/** A JSON error with the problem named, the one shape every route uses. */
export function sendError(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

/**
 * The web channel: Botkit with the (secured) web adapter, on the server's
 * `/api/messages` (webhook and websocket), plus `POST /api/session` for a
 * signed user id and `GET /api/history` for the widget. It translates between
 * Botkit messages and the engine's `Inbound` / `Reply` and does nothing else.
 */
export function mountWebChannel(o: WebChannelOptions): { adapter: SecureWebAdapter; controller: Botkit } {
  const { app, identity, log, limits } = o;

  /** 429 with Retry-After when `key` has used its tokens; true when the request may go on. */
  const allow = (res: Response, what: 'user' | 'ip', key: string): boolean => {
    const wait = limits[what].take(key);
    if (wait === 0) return true;
    limits.refused?.(what);
    res.setHeader('Retry-After', String(wait));
    sendError(res, 429, `too many messages; try again in ${wait} s`);
    return false;
  };
  const ipOf = (req: Request) => req.socket.remoteAddress ?? 'unknown';

  app.post('/api/session', (req, res) => {
    if (!allow(res, 'ip', ipOf(req))) return;
    res.json({ user: identity.issue() });
  });

  app.get('/api/history', (req, res) => {
    const user = req.query.user;
    if (!identity.verify(user)) return sendError(res, 401, UNKNOWN_USER);
    res.json({ messages: o.store.transcript(user) });
  });

  // Validation runs before Botkit's own handler for the route (registered below by Botkit).
  app.post('/api/messages', (req: Request, res: Response, next: NextFunction) => {
    if (allow(res, 'ip', ipOf(req))) next();
  });
  app.post('/api/messages', express.json({ limit: '64kb' }), (req: Request, res: Response, next: NextFunction) => {
    const parsed = WebhookBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 400, `invalid message: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    if (!identity.verify(parsed.data.user)) return sendError(res, 401, UNKNOWN_USER);
    if (parsed.data.text.length > o.maxChars) return sendError(res, 413, `text is over ${o.maxChars} characters`);
    if (!allow(res, 'user', parsed.data.user)) return;
    req.body = { type: 'message', text: parsed.data.text, user: parsed.data.user, channel: 'webhook' };
    next();
  });

  const adapter = new SecureWebAdapter({
    server: o.server,
    identity,
    log,
    allowedOrigins: o.allowedOrigins,
    maxChars: o.maxChars,
    admit: (user) => {
      const wait = limits.user.take(user);
      if (wait > 0) limits.refused?.('user');
      return wait;
    },
  });
  const controller = new Botkit({ adapter, webserver: app, webhook_uri: '/api/messages', disable_console: true });

  controller.on('message', async (bot: BotWorker, message: BotkitMessage) => {
    const websocket = message.incoming_message.channelId === 'websocket';
    if (websocket) adapter.push(message.user, { type: 'typing' });
    const replies = o.bot.handle({ conversationId: message.user, channel: 'web', text: String(message.text ?? ''), at: Date.now() });
    if (replies.length === 0) {
      // Relayed to an agent: no bot reply follows. The widget stops its typing dots; the webhook answers [].
      if (websocket) adapter.push(message.user, { type: 'typing', done: true });
      else (bot.getConfig('context') as TurnContext).turnState.set('httpBody', []);
    }
    for (const reply of replies) await bot.reply(message, toActivity(reply));
  });

  return { adapter, controller };
}

/** A reply as a Botkit message: quick replies and meta ride in channelData, which the adapter flattens. */
function toActivity(reply: Reply): Partial<BotkitMessage> {
  const channelData: Record<string, unknown> = { from: 'bot' };
  if (reply.quick_replies) channelData.quick_replies = reply.quick_replies;
  if (reply.meta) channelData.meta = reply.meta;
  return { type: 'message', text: reply.text, channelData };
}
