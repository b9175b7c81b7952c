import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Bus } from '../bus.js';
import type { Logger } from '../log.js';
import type { Dialect } from './sql.js';
import type { ClusterRepo } from './repos/cluster.js';
import type { ConversationRepo } from './repos/conversations.js';
import type { EventRepo } from './repos/events.js';
import type { MetaRepo } from './repos/meta.js';
import type { ModelRepo } from './repos/models.js';
import type { ReviewRepo } from './repos/review.js';
import type { SlackRepo } from './repos/slack.js';
import type { TicketRepo } from './repos/tickets.js';
import type { TranscriptRepo } from './repos/transcript.js';

/** Every table's repository, bound to one connection or transaction. */
export interface Repos {
  conversations: ConversationRepo;
  transcript: TranscriptRepo;
  tickets: TicketRepo;
  meta: MetaRepo;
  slack: SlackRepo;
  events: EventRepo;
  /** The review inbox: messages the bot failed to understand, grouped by fingerprint. */
  review: ReviewRepo;
  /** Model versions and the examples each learned from the inbox. */
  models: ModelRepo;
}

/** What a database shared by several instances offers besides the tables (PostgreSQL; SQLite serves one process and has none). */
export interface Shared {
  /** Live instances, their open sockets, large bus payloads. */
  readonly cluster: ClusterRepo;
  /** The bus between every instance on this database. */
  bus(instance: string, log: Logger): Promise<Bus>;
  /** A rate limiter whose counts every instance shares (`prefix` keeps limits apart). */
  rateLimiter(prefix: string, points: number, duration: number): RateLimiterAbstract;
}

/** How many rows retention removed or scrubbed, per table. */
export type Purged = Record<string, number>;

/**
 * The bot's storage, asynchronous so that SQLite (embedded, group commit) and
 * PostgreSQL (several instances) plug in behind the same calls. Reads may use
 * the repositories directly; every write goes through `tx`.
 */
export interface Store extends Repos {
  readonly dialect: Dialect;
  /** Set when other instances may share the database. */
  readonly shared?: Shared;
  /**
   * Runs `fn` as one unit: all of its writes or none. Resolves only once the
   * unit is durable (committed), so a reply sent after it is never lost.
   */
  tx<T>(fn: (r: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs a periodic job (retention, the abandonment sweep) on one instance at a
   * time: resolves to false without running it when another instance holds the
   * job's lock (PostgreSQL: an advisory lock; SQLite: one process, always runs).
   */
  exclusive(job: string, fn: () => Promise<void>): Promise<boolean>;
  /** Resolves when the database answers (for `/readyz`). */
  ping(): Promise<void>;
  /** Deletes or scrubs every copy of user text older than `before` (ms). */
  purge(before: number): Promise<Purged>;
  close(): Promise<void>;
}
