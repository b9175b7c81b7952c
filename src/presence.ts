import { randomUUID } from 'node:crypto';
import type { Logger } from './log.js';
import type { ClusterRepo } from './store/repos/cluster.js';

/** How often an instance says it is alive, and how long after its last word it counts as gone (killed). */
const BEAT_MS = 5_000;
const ALIVE_MS = 15_000;
/** Rows of instances gone this long are swept. */
const FORGET_MS = 60_000;

/**
 * Where users' sockets are, across instances (PostgreSQL): a row per open
 * websocket and a heartbeat per instance. An agent's reply is sent to every
 * instance over the bus; it counts as `delivered` when a live instance holds
 * a socket of the user (one killed with -9 stops beating and stops counting
 * within 15 s). Writes go out in order, one at a time, and never hold up a
 * socket; a failed one is logged once.
 */
export class Presence {
  private writes: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly cluster: ClusterRepo,
    readonly instance: string,
    private readonly log: Logger,
  ) {}

  /** Says this instance is alive now and every 5 s from now on. */
  async start(): Promise<void> {
    await this.cluster.beat(this.instance, Date.now());
    this.timer = setInterval(() => this.write(() => this.cluster.beat(this.instance, Date.now())), BEAT_MS);
    this.timer.unref();
  }

  /** A socket of the conversation opened here; returns its key for `closed`. */
  opened(conversationId: string): string {
    const socket = randomUUID();
    this.write(() => this.cluster.socketOpened(socket, this.instance, conversationId, Date.now()));
    return socket;
  }

  closed(socket: string): void {
    this.write(() => this.cluster.socketClosed(socket));
  }

  /** Whether a live instance (this one included) holds a socket of the conversation; false when the database cannot tell. */
  held(conversationId: string): Promise<boolean> {
    return this.cluster.held(conversationId, Date.now() - ALIVE_MS).catch(() => false);
  }

  /** Forgets instances gone for a minute, their sockets, and old bus payloads (a periodic job). */
  async sweep(): Promise<void> {
    await this.cluster.sweep(Date.now() - FORGET_MS);
  }

  /** Stops beating and waits for the writes in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.writes;
  }

  private write(fn: () => Promise<void>): void {
    this.writes = this.writes.then(fn).then(
      () => void (this.failing = false),
      (err: unknown) => {
        if (!this.failing) this.log.warn({ err: String((err as Error)?.message ?? err) }, 'presence: could not record a socket or a heartbeat');
        this.failing = true;
      },
    );
  }
}
