/**
 * The widget's websocket side: Botkit with the secured web adapter. Loaded on
 * the first websocket upgrade, not at start (Botkit and botbuilder cost about
 * 90 MB of memory that a webhook- or Slack-only bot never needs).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import type { Storage, StoreItems } from 'botbuilder';
import type { BotResult, Reply } from '../../core/types.js';
import type { MessageHandler } from '../../bot.js';
import type { Logger } from '../../log.js';
import { SecureWebAdapter, type SocketPresence } from './adapter.js';
import { asBotError } from '../../http/errors.js';

export interface SocketOptions {
  bot: MessageHandler;
  log: Logger;
  maxSockets: number;
  /** Told of sockets opening and closing (several instances). */
  presence?: SocketPresence;
  /** Flood control for one user's frames: 0 to go on, else seconds to wait. */
  admit: (user: string) => Promise<number>;
}

export interface SocketChannel {
  /** Takes the upgrade of a checked user's socket. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, user: string): void;
  /** Pushes a frame to a user's open sockets here; false when none is open. */
  push(user: string, frame: object): boolean;
  close(): void;
}

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

/** Starts Botkit on the secured adapter; resolves once it is ready to take sockets. */
export async function openSocketChannel(o: SocketOptions): Promise<SocketChannel> {
  const adapter = new SecureWebAdapter({ log: o.log, maxSockets: o.maxSockets, admit: o.admit, ...(o.presence ? { presence: o.presence } : {}) });
  /** The one place a websocket turn's error is caught: the widget is asked to send again (a down database is logged once, by the store). */
  const turnFailed = (user: string, err: unknown) => {
    const e = asBotError(err);
    if (e.code === 'unavailable') return void adapter.push(user, { type: 'error', error: e.code, message: e.message, ...e.details });
    o.log.error({ err }, 'websocket turn failed');
    adapter.push(user, { type: 'error', error: 'internal', message: 'the message could not be processed; please send it again' });
  };
  adapter.onTurnError = (context, err) => Promise.resolve(turnFailed(context.activity.from.id, err));
  const controller = new Botkit({ adapter, disable_webserver: true, storage: new NoStorage(), disable_console: true });
  controller.on('message', async (worker: BotWorker, message: BotkitMessage) => {
    const user = message.user;
    const text = String(message.text ?? '');
    if (o.bot.fits(text)) adapter.push(user, { type: 'typing' }); // acknowledges the message; a refused one gets its error frame instead
    let result: BotResult;
    try {
      result = await o.bot.handle({ conversationId: user, channel: 'web', text, at: Date.now() });
    } catch (err) {
      return turnFailed(user, err); // here, not through Botkit, which would print it and wrap it into a plain Error
    }
    for (const frame of socketFrames(result)) adapter.push(user, frame);
    for (const reply of result.rejected || result.relayed ? [] : result.replies) await worker.reply(message, toActivity(reply));
  });
  await new Promise<void>((resolve) => controller.ready(() => resolve()));
  return {
    accept: (req, socket, head, user) => adapter.accept(req, socket, head, user),
    push: (user, frame) => adapter.push(user, frame),
    close: () => adapter.close(),
  };
}
