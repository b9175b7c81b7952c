import pg from 'pg';
import { z } from 'zod';
import { LocalBus, type Bus, type BusEvents, type Topic } from './bus.js';
import type { Logger } from './log.js';
import type { ClusterRepo } from './store/repos/cluster.js';

/** The one NOTIFY channel of the bot; the topic rides in the payload. */
const CHANNEL = 'dbarai_bus';
/** NOTIFY carries under 8,000 bytes: a larger event (a 4,000-character message is 12 kB of UTF-8) goes to a table and the notification carries its id. */
const INLINE_MAX_BYTES = 7000;
const TOPICS = ['ticket', 'message', 'deliver', 'model'] as const satisfies readonly Topic[];

/** What one instance notifies: who sent it, the topic, and the payload or the id of the row that holds it. */
const Envelope = z.object({
  from: z.string(),
  topic: z.enum(TOPICS),
  payload: z.unknown().optional(),
  ref: z.number().int().positive().optional(),
});
type Envelope = z.infer<typeof Envelope>;

export interface PgBusOptions {
  /** Settings of the connection that LISTENs (its own, outside the pool). */
  connection: pg.ClientConfig;
  cluster: ClusterRepo;
  /** This instance's id: its own notifications are not delivered twice. */
  instance: string;
  log: Logger;
}

/**
 * The bus of several instances on one PostgreSQL database (LISTEN/NOTIFY).
 * A publish reaches this instance's subscribers at once, as on `LocalBus`,
 * and the other instances' through one notification, sent in publish order
 * by one queue and delivered in that order. The listening connection comes
 * back by itself after the database does; events published while it was
 * down are not replayed (widgets catch up from the history).
 */
export class PgBus implements Bus {
  readonly distributed = true;
  private readonly local = new LocalBus();
  private listener?: pg.Client;
  private sending: Promise<void> = Promise.resolve();
  private receiving: Promise<void> = Promise.resolve();
  private retry?: NodeJS.Timeout;
  private closed = false;
  private failing = false;

  private constructor(private readonly o: PgBusOptions) {}

  /** Connects the listening connection; resolves once it listens. */
  static async open(o: PgBusOptions): Promise<PgBus> {
    const bus = new PgBus(o);
    await bus.listen();
    return bus;
  }

  publish<K extends Topic>(topic: K, payload: BusEvents[K]): void {
    this.local.publish(topic, payload);
    const body = JSON.stringify({ from: this.o.instance, topic, payload } satisfies Envelope);
    this.sending = this.sending
      .then(() => this.send(topic, body))
      .then(
        () => this.sent(),
        (err: unknown) => this.failed(err),
      );
  }

  subscribe<K extends Topic>(topic: K, handler: (payload: BusEvents[K]) => void): () => void {
    return this.local.subscribe(topic, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.sending;
    await this.listener?.end().catch(() => undefined);
    await this.local.close();
  }

  /** Notifies the other instances: inline when it fits, else through `bus_payloads`. */
  private async send(topic: Topic, body: string): Promise<void> {
    if (Buffer.byteLength(body) <= INLINE_MAX_BYTES) return this.o.cluster.notify(CHANNEL, body);
    const ref = await this.o.cluster.keep(body, Date.now());
    await this.o.cluster.notify(CHANNEL, JSON.stringify({ from: this.o.instance, topic, ref } satisfies Envelope));
  }

  /** Logs the first lost event of an outage only. */
  private failed(err: unknown): void {
    if (!this.failing) this.o.log.warn({ err: String((err as Error)?.message ?? err) }, 'bus: an event could not reach the other instances');
    this.failing = true;
  }
  private sent(): void {
    this.failing = false;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(this.o.connection);
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) this.receive(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.listener = client;
  }

  /** The listening connection broke: listen again, waiting longer each time (up to 5 s). */
  private lost(client: pg.Client, err?: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.o.log.warn({ err: err?.message }, 'bus: lost the database; listening again when it is back');
    this.reconnect(500);
  }

  private reconnect(delayMs: number): void {
    this.retry = setTimeout(() => {
      if (this.closed) return;
      this.listen().then(
        () => this.o.log.info('bus: listening again'),
        () => this.reconnect(Math.min(delayMs * 2, 5000)),
      );
    }, delayMs);
    this.retry.unref();
  }

  /** Delivers notifications in the order they came, each once, skipping this instance's own. */
  private receive(raw: string): void {
    this.receiving = this.receiving
      .then(() => this.deliver(raw))
      .catch((err: unknown) => this.o.log.warn({ err: String(err) }, 'bus: an event from another instance was dropped'));
  }

  private async deliver(raw: string): Promise<void> {
    let envelope = Envelope.parse(JSON.parse(raw));
    if (envelope.from === this.o.instance) return;
    if (envelope.ref !== undefined) {
      const body = await this.o.cluster.payload(envelope.ref);
      if (body === undefined) return; // swept already: too late to matter
      envelope = Envelope.parse(JSON.parse(body));
    }
    this.local.publish(envelope.topic, envelope.payload as BusEvents[typeof envelope.topic]);
  }
}
