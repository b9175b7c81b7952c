import { EventEmitter } from 'node:events';
import type { ChannelName, Reply } from './core/types.js';
import type { Ticket } from './handoff/types.js';

/** A message as it reaches a user from outside a turn: an agent's words or a notice. */
export interface OutboundMessage extends Reply {
  from: 'agent' | 'bot';
}

/** A ticket as agents' screens show it: with its place in the queue. */
export type TicketView = Ticket & { position: number };

/** A transcript line of a ticket's conversation, as agents' screens and Slack threads see it live. */
export interface DeskMessage {
  ticketId: string;
  /** The transcript row id. */
  id: number;
  role: 'user' | 'agent' | 'bot' | 'system';
  text: string;
  at: number;
  agent?: string;
  agentName?: string;
  /** Where an agent wrote it (`slack`, `console`), so that a relay does not echo its own lines. */
  via?: string;
}

/** What instances tell each other. */
export interface BusEvents {
  ticket: TicketView;
  message: DeskMessage;
  /** A message for a user whose sockets other instances may hold (another tab); `pushedBy` already pushed it to its own. */
  deliver: { conversationId: string; channel: ChannelName; message: OutboundMessage; pushedBy?: string };
  /** A new model version became active. */
  model: { version: number };
}
export type Topic = keyof BusEvents;

/**
 * Events between the parts of the bot and, with several instances, between
 * instances: a publish reaches every subscriber of every instance once,
 * this one's included.
 */
export interface Bus {
  publish<K extends Topic>(topic: K, payload: BusEvents[K]): void;
  /** Subscribes; returns the function that unsubscribes. */
  subscribe<K extends Topic>(topic: K, handler: (payload: BusEvents[K]) => void): () => void;
  /** Whether other instances may be listening (PostgreSQL), or this process is alone (SQLite). */
  readonly distributed: boolean;
  close(): Promise<void>;
}

/** The bus of a single process. */
export class LocalBus implements Bus {
  readonly distributed: boolean = false;
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0); // one per SSE stream; their number is bounded where they are opened
  }

  publish<K extends Topic>(topic: K, payload: BusEvents[K]): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<K extends Topic>(topic: K, handler: (payload: BusEvents[K]) => void): () => void {
    this.emitter.on(topic, handler);
    return () => void this.emitter.off(topic, handler);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
