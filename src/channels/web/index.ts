import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { BotError, formatIssues } from '../../core/errors.js';
import type { MessageHandler } from '../../bot.js';
import type { OutboundMessage } from '../../bus.js';
import type { Http } from '../../http/server.js';
import { readJson, sendError, sendJson } from '../../http/index.js';
import type { Logger } from '../../log.js';
import type { SocketPresence } from './adapter.js';
import type { WebIdentity } from './identity.js';
import type { SocketChannel } from './socket.js';
import { refuse } from './refuse.js';

/** The webhook body of Botkit's web convention, as this bot accepts it. */
const WebhookBody = z.object({
  type: z.literal('message'),
  text: z.string(),
  user: z.string().min(1).max(100),
  channel: z.string().max(20).optional(),
});

/** Flood control: 0 when the request may go on, else the seconds to wait. */
type Admit = (kind: 'user' | 'ip', key: string) => Promise<number>;

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
  /** Pushes an agent's message or a notice to a user's open sockets here; false when none is open. */
  deliver: (conversationId: string, message: OutboundMessage) => boolean;
  close(): void;
}

const PATH = '/api/messages';

const BODY_LIMIT = 64 * 1024;

/**
 * The web channel: `POST /api/session` for a signed user id, `GET
 * /api/history` for the widget, and `/api/messages` both ways: the webhook
 * of Botkit's web convention (a lean route on the raw server: JSON in, the
 * turn's replies out) and the widget's websocket through Botkit's web adapter
 * (`socket.ts`, started on the first upgrade).
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
  http.route('POST', PATH, (req, res) => void webhook(req, res).catch((err: unknown) => sendError(res, err, log)));

  // The widget's websocket: Botkit and its web adapter, loaded on the first upgrade.
  let sockets: Promise<SocketChannel> | undefined;
  let open: SocketChannel | undefined;
  const channel = () =>
    (sockets ??= import('./socket.js').then(async ({ openSocketChannel }) => {
      open = await openSocketChannel({ bot: o.bot, log, maxSockets: o.maxSockets, presence: o.presence, admit: (user) => o.admit('user', user) });
      return open;
    }));
  // A page loading the widget will open a socket next: start Botkit now, while the widget loads.
  http.route('GET', '/widget.js', (req, res) => {
    void channel().catch(() => undefined); // a failure is logged when a socket needs it
    http.app(req, res);
  });
  http.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== PATH) return; // another upgrade handler may want it
    socket.on('error', () => undefined); // a client gone before the upgrade is no error of ours
    const user = url.searchParams.get('user');
    if (!originAllowed(req, o.allowedOrigins) || identity.check(user) !== 'ok') return void refuse(socket, '401 Unauthorized');
    channel().then(
      (c) => c.accept(req, socket, head, user!),
      (err: unknown) => {
        log.error({ err }, 'websocket channel failed to start');
        socket.destroy();
      },
    );
  });

  return { deliver: (conversationId, message) => open?.push(conversationId, message) ?? false, close: () => open?.close() };
}

/** A browser's socket comes from the server's own origin or an allowed one; a client with no Origin is not a browser. */
function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers.host;
  try {
    return allowed.includes(origin) || (host !== undefined && new URL(origin).host === host);
  } catch {
    return false;
  }
}
