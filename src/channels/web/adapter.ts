import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebAdapter } from 'botbuilder-adapter-web';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { formatIssues } from '../../core/errors.js';
import type { Logger } from '../../log.js';
import { refuse } from './refuse.js';

/** A frame a widget may send. Anything else gets an error frame. */
const Frame = z.object({
  type: z.literal('message'),
  text: z.string(),
  user: z.string().optional(),
});

/** Sockets one user may hold at once (tabs); the oldest is closed beyond it. */
const SOCKETS_PER_USER = 5;

/** Told of every socket that opens and closes (several instances: see `Presence`). */
export interface SocketPresence {
  /** Returns the socket's key. */
  opened(user: string): string;
  closed(key: string): void;
}

export interface SecureWebAdapterOptions {
  log: Logger;
  /** Sockets the process holds at most (each costs memory); new ones are refused beyond it. */
  maxSockets: number;
  /** Flood control for one user's frames: 0 to go on, else seconds to wait. */
  admit?: (user: string) => Promise<number>;
  presence?: SocketPresence;
}

type Logic = (context: TurnContext) => Promise<void>;
type Live = WebSocket & { isAlive?: boolean };

const errorFrame = (error: string, message: string, extra: object = {}) => JSON.stringify({ type: 'error', error, message, ...extra });

/**
 * Botkit's web adapter with its websocket side made safe. The stock adapter
 * binds a socket to whatever `user` the latest frame claims
 * (`clients[message.user] = ws`), so anyone who sends another user's id gets
 * that user's replies. Here a socket is bound at the upgrade to the one
 * server-signed, unexpired id in its URL (`/api/messages?user=…`, checked by
 * the channel with the origin), for its whole life; a frame claiming another
 * id is refused. Sockets are bounded per user and in all, and leave the map
 * when they close.
 */
export class SecureWebAdapter extends WebAdapter {
  private readonly sockets = new Map<string, Set<Live>>();
  private count = 0;
  private readonly opts: SecureWebAdapterOptions;
  private readonly wssSecure = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private heartbeat?: NodeJS.Timeout;
  private logic?: Logic;

  constructor(options: SecureWebAdapterOptions) {
    super();
    this.opts = options;
  }

  /** Called by Botkit when the adapter is registered: turns go to Botkit once it is ready. */
  override init(botkit: { ready(fn: () => void): void; handleTurn(context: TurnContext): Promise<unknown> }): void {
    botkit.ready(() => {
      this.logic = async (context) => void (await botkit.handleTurn(context));
      this.heartbeat = setInterval(() => this.ping(), 30_000);
      this.heartbeat.unref();
    });
  }

  /** Takes a websocket upgrade for `user` (a live id the channel checked), within the socket bound. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, user: string): void {
    const logic = this.logic;
    if (!logic || this.count >= this.opts.maxSockets) return void refuse(socket, '503 Service Unavailable');
    this.wssSecure.handleUpgrade(req, socket, head, (ws) => this.bind(ws, user, logic));
  }

  /** Closes every socket (shutdown). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.wssSecure.close();
  }

  /** How many sockets are open now. */
  get open(): number {
    return this.count;
  }

  private bind(ws: Live, user: string, logic: Logic): void {
    let set = this.sockets.get(user);
    if (!set) this.sockets.set(user, (set = new Set()));
    if (set.size >= SOCKETS_PER_USER) set.values().next().value?.close(1008, 'too many sockets for one user');
    set.add(ws);
    this.count++;
    ws.isAlive = true;
    ws.on('pong', () => (ws.isAlive = true));
    const key = this.opts.presence?.opened(user);
    ws.on('close', () => {
      if (key !== undefined) this.opts.presence?.closed(key);
      if (set.delete(ws)) this.count--;
      if (set.size === 0 && this.sockets.get(user) === set) this.sockets.delete(user);
    });
    ws.on('error', (err) => this.opts.log.debug({ err: String(err) }, 'websocket error'));
    ws.on('message', (data, isBinary) => void this.receive(ws, user, data, isBinary, logic));
  }

  /** One frame from a bound socket: checked, then one turn through Botkit. */
  private async receive(ws: WebSocket, user: string, data: RawData, isBinary: boolean, logic: Logic): Promise<void> {
    if (isBinary) return void ws.send(errorFrame('bad_request', 'binary frames are not accepted'));
    let frame: z.infer<typeof Frame>;
    try {
      const parsed = Frame.safeParse(JSON.parse((data as Buffer).toString('utf8')));
      if (!parsed.success) return void ws.send(errorFrame('bad_request', `invalid frame: ${formatIssues(parsed.error.issues, 1, 'frame')}`));
      frame = parsed.data;
    } catch {
      return void ws.send(errorFrame('bad_request', 'invalid JSON'));
    }
    if (frame.user !== undefined && frame.user !== user) return void ws.send(errorFrame('unauthorized', 'this socket belongs to another user'));
    const wait = (await this.opts.admit?.(user)) ?? 0;
    if (wait > 0) return void ws.send(errorFrame('rate_limited', `too many messages; try again in ${wait} s`, { retryAfter: wait }));
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
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  private ping(): void {
    for (const set of this.sockets.values())
      for (const ws of set) {
        if (ws.isAlive === false) {
          ws.terminate();
          continue;
        }
        ws.isAlive = false;
        ws.ping();
      }
  }

  /** Sends a frame to every open socket of a user; false when none is open here. */
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

  /** Replies go to the bound sockets of the recipient. */
  override sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      const to = activity.recipient?.id;
      if (to) this.push(to, { type: activity.type, text: activity.text, ...(activity.channelData as object) });
    }
    return Promise.resolve([]);
  }
}
