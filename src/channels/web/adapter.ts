import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebAdapter } from 'botbuilder-adapter-web';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { WebIdentity } from './identity.js';

/** A frame a widget may send. Anything else gets an error frame. */
const Frame = z.object({
  type: z.literal('message'),
  text: z.string(),
  user: z.string().optional(),
});

export interface SecureWebAdapterOptions {
  server: Server;
  identity: WebIdentity;
  log: Logger;
  /** Origins allowed to open a socket besides the server's own. */
  allowedOrigins: string[];
  maxChars: number;
  path?: string;
  /** Flood control for one user's frames: 0 to go on, else seconds to wait. */
  admit?: (user: string) => number;
}

type Logic = (context: TurnContext) => Promise<void>;

/**
 * Botkit's web adapter with its websocket side made safe. The stock adapter
 * binds a socket to whatever `user` the latest frame claims
 * (`clients[message.user] = ws`), so anyone who sends another user's id gets
 * that user's replies. Here a socket is bound at the upgrade to the one
 * server-signed id in its URL (`/api/messages?user=…`), for its whole life;
 * a frame claiming another id is refused. Webhook handling is the stock adapter's.
 */
export class SecureWebAdapter extends WebAdapter {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly opts: SecureWebAdapterOptions;
  private wssSecure?: WebSocketServer;
  private heartbeat?: NodeJS.Timeout;

  constructor(options: SecureWebAdapterOptions) {
    super();
    this.opts = options;
  }

  /** Called by Botkit when the adapter is registered: bind the socket server once Botkit is ready. */
  override init(botkit: { ready(fn: () => void): void; handleTurn(context: TurnContext): Promise<unknown> }): void {
    botkit.ready(() => this.listen(async (context) => void (await botkit.handleTurn(context))));
  }

  /** Accepts websocket upgrades on the path, for verified ids only. */
  listen(logic: Logic): void {
    const { server, path = '/api/messages', log } = this.opts;
    this.wssSecure = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== path) return; // another upgrade handler may want it
      const user = url.searchParams.get('user');
      if (!this.originAllowed(req) || !this.opts.identity.verify(user)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wssSecure!.handleUpgrade(req, socket, head, (ws) => this.bind(ws, user, logic));
    });
    this.heartbeat = setInterval(() => this.ping(), 30_000);
    this.heartbeat.unref();
    log.debug({ path }, 'websocket listening');
  }

  /** Closes every socket (shutdown). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.wssSecure?.close();
  }

  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true; // not a browser
    const host = req.headers.host;
    return this.opts.allowedOrigins.includes(origin) || (host !== undefined && new URL(origin).host === host);
  }

  private bind(ws: WebSocket & { isAlive?: boolean }, user: string, logic: Logic): void {
    const set = this.sockets.get(user) ?? new Set<WebSocket>();
    set.add(ws);
    this.sockets.set(user, set);
    ws.isAlive = true;
    ws.on('pong', () => (ws.isAlive = true));
    ws.on('close', () => {
      set.delete(ws);
      if (set.size === 0) this.sockets.delete(user);
    });
    ws.on('error', (err) => this.opts.log.debug({ err: String(err) }, 'websocket error'));
    ws.on('message', (data, isBinary) => {
      const error = (message: string) => ws.send(JSON.stringify({ type: 'error', error: message }));
      if (isBinary) return error('binary frames are not accepted');
      let frame: z.infer<typeof Frame>;
      try {
        const parsed = Frame.safeParse(
          JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8')),
        );
        if (!parsed.success) return error(`invalid frame: ${parsed.error.issues[0]?.path.join('.') || 'shape'} ${parsed.error.issues[0]?.message}`);
        frame = parsed.data;
      } catch {
        return error('invalid JSON');
      }
      if (frame.user !== undefined && frame.user !== user) return error('this socket belongs to another user');
      if (frame.text.length > this.opts.maxChars) return error(`text over ${this.opts.maxChars} characters`);
      const wait = this.opts.admit?.(user) ?? 0;
      if (wait > 0) return ws.send(JSON.stringify({ type: 'error', error: `too many messages; try again in ${wait} s`, retryAfter: wait }));
      const activity: Partial<Activity> = {
        timestamp: new Date(),
        channelId: 'websocket',
        conversation: { id: user } as Activity['conversation'],
        from: { id: user, name: user },
        recipient: { id: 'bot', name: 'bot' },
        channelData: { type: 'message', text: frame.text, user, channel: 'websocket' },
        text: frame.text,
        type: ActivityTypes.Message,
      };
      const context = new TurnContext(this, activity);
      this.runMiddleware(context, logic).catch((err: unknown) => {
        this.opts.log.error({ err }, 'websocket turn failed');
        error('the message could not be processed; please send it again');
      });
    });
  }

  private ping(): void {
    for (const set of this.sockets.values())
      for (const ws of set as Set<WebSocket & { isAlive?: boolean }>) {
        if (ws.isAlive === false) {
          ws.terminate();
          continue;
        }
        ws.isAlive = false;
        ws.ping();
      }
  }

  /** Sends a frame to every open socket of a user; false when none is open. */
  push(user: string, message: object): boolean {
    const set = this.sockets.get(user);
    if (!set?.size) return false;
    const frame = JSON.stringify(message);
    let sent = false;
    for (const ws of set) {
      if (ws.readyState === ws.OPEN) {
        ws.send(frame);
        sent = true;
      }
    }
    return sent;
  }

  override isConnected(user: string): boolean {
    return (this.sockets.get(user)?.size ?? 0) > 0;
  }

  /** Websocket replies go to the bound sockets of the recipient; webhook replies to the stock adapter. */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (context.activity.channelId !== 'websocket') return super.sendActivities(context, activities);
    for (const activity of activities) {
      const to = activity.recipient?.id;
      if (to) this.push(to, { type: activity.type, text: activity.text, ...(activity.channelData as object) });
    }
    return [];
  }
}
