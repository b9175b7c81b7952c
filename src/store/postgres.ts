import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import { BotError } from '../core/errors.js';
import type { Logger } from '../log.js';
import { PgBus } from '../pgbus.js';
import { migrations } from './schema.js';
import { purgeUserText } from './retention.js';
import { OwnRepos, reposOn } from './repos/index.js';
import { ClusterRepo } from './repos/cluster.js';
import type { Sql } from './sql.js';
import type { Purged, Repos, Shared, Store } from './types.js';

export interface PgOptions {
  /** `postgres://user:pass@host:port/db`. */
  url: string;
  /** The calendar day of an instant in AGENT_TZ, for analytics events. */
  dayOf: (at: number) => string;
  /** Connections this instance holds at most. */
  poolSize: number;
  log: Logger;
}

/** Seconds a client is told to wait (`Retry-After`) while the database is unreachable. */
const RETRY_AFTER_S = 5;
/** Node's socket errors and PostgreSQL's connection classes (08…), shutdowns (57P01-3) and a full server (53300). */
const DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** What `pg` says, without a code, when a connection broke or could not be made in time. */
const DOWN_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|not queryable|connection is closed/i;

/** Whether an error means the database cannot be reached (rather than a query's own failure). */
function isDatabaseDown(err: unknown): boolean {
  if (err instanceof BotError) return err.code === 'unavailable';
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  return DOWN_CODES.has(code) || code.startsWith('08') || (typeof e?.message === 'string' && DOWN_MESSAGE.test(e.message));
}

/** A connection failure as the bot's `unavailable` error (503 + Retry-After on the webhook); anything else unchanged. */
function translate(err: unknown): unknown {
  if (err instanceof BotError || !isDatabaseDown(err)) return err;
  return new BotError('unavailable', 'the database is unavailable; please try again in a few seconds', { retryAfter: RETRY_AFTER_S }, { cause: err });
}

/** Type ids of BIGINT (ms timestamps, BIGSERIAL ids, COUNT) and NUMERIC (SUM, AVG): read as JavaScript numbers, as SQLite gives them. */
const NUMERIC_OIDS = new Set<number>([20, 1700]);
const asNumber = (v: string) => Number(v);
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown => (NUMERIC_OIDS.has(oid) ? asNumber : pg.types.getTypeParser(oid, format)),
};

/** Connection settings both the pool and the bus's listening connection use. */
const connectionConfig = (url: string): pg.ClientConfig => ({
  connectionString: url,
  types: TYPES,
  connectionTimeoutMillis: 3000,
  keepAlive: true,
  application_name: 'dbarai-bot',
});

const numbered = new Map<string, string>();

/** `?` placeholders as `$1, $2…` (outside quoted literals and identifiers), converted once per query text. */
function numberPlaceholders(sql: string): string {
  let out = numbered.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  let quote: string | undefined;
  out = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  numbered.set(sql, out);
  return out;
}

/** `pg` (a pool, or one transaction's client) behind the `Sql` surface; connection failures become `unavailable`. */
class PgSql implements Sql {
  readonly dialect = 'postgres';
  constructor(private readonly db: pg.Pool | pg.PoolClient) {}

  private async query<T>(sql: string, params: readonly unknown[]): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    try {
      return await this.db.query<T & pg.QueryResultRow>(numberPlaceholders(sql), params as unknown[]);
    } catch (err) {
      throw translate(err);
    }
  }
  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows;
  }
  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0];
  }
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }
}

/** Lock keys of `pg_advisory_lock`: one for migrations, one per periodic job. */
const MIGRATION_LOCK = 'dbarai:migrations';
const jobLock = (job: string) => `dbarai:job:${job}`;

/**
 * The store of several instances: one PostgreSQL database through a `pg`
 * pool. A unit (`tx`) is one transaction on one connection, and a turn locks
 * its conversation's row (`ConversationRepo.load(id, true)`), so two
 * instances apply one conversation's messages one after the other. There is
 * no group commit here: PostgreSQL commits concurrent transactions together
 * by itself. When the database cannot be reached, every call fails with
 * `unavailable`; the pool drops broken connections and opens new ones once
 * the database is back, with no restart.
 */
export class PgStore extends OwnRepos implements Store {
  readonly dialect = 'postgres';
  readonly shared: Shared;
  private readonly pool: pg.Pool;
  private readonly sql: PgSql;
  protected readonly repos: Repos;
  private down = false;

  private constructor(private readonly o: PgOptions) {
    super();
    this.pool = new pg.Pool({ ...connectionConfig(o.url), max: o.poolSize, idleTimeoutMillis: 30_000 });
    // An idle connection that breaks (the server restarts) is dropped by the pool; it must not crash the process.
    this.pool.on('error', (err) => this.wentDown(err));
    this.sql = new PgSql(this.pool);
    this.repos = reposOn(this.sql, o.dayOf);
    const cluster = new ClusterRepo(this.sql);
    this.shared = {
      cluster,
      bus: (instance, log) => PgBus.open({ connection: connectionConfig(o.url), cluster, instance, log }),
      rateLimiter: (prefix, points, duration) =>
        new RateLimiterPostgres({
          storeClient: this.pool,
          storeType: 'pool',
          tableName: 'rate_limits',
          tableCreated: true,
          keyPrefix: prefix,
          points,
          duration,
          // While the database is down, each instance counts alone rather than failing every request.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: prefix, points, duration }),
        }),
    };
  }

  /** Connects, runs the migrations (one instance at a time) and resolves to the store. */
  static async open(o: PgOptions): Promise<PgStore> {
    const store = new PgStore(o);
    try {
      await store.migrate();
    } catch (err) {
      await store.pool.end().catch(() => undefined);
      throw translate(err);
    }
    return store;
  }

  tx<T>(fn: (r: Repos) => Promise<T>): Promise<T> {
    return this.transaction((sql) => fn(reposOn(sql, this.o.dayOf)));
  }

  /** Runs `fn` under a session-level advisory lock, held by one connection for the job's length; another instance holding it means skip. */
  exclusive(job: string, fn: () => Promise<void>): Promise<boolean> {
    return this.withClient(async (client) => {
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [jobLock(job)]);
      if (!rows[0]?.got) return false;
      try {
        await fn();
        return true;
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [jobLock(job)]);
      }
    });
  }

  async ping(): Promise<void> {
    await this.sql.get('SELECT 1');
  }

  purge(before: number): Promise<Purged> {
    return this.transaction((sql) => purgeUserText(sql, before));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** One transaction on one connection: committed when `fn` resolves, rolled back when it throws. */
  private transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const value = await fn(new PgSql(client));
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** A pooled connection for `fn`; a connection that broke on the way is destroyed instead of returned. */
  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.wentDown(err);
      throw translate(err);
    }
    let broken: Error | undefined;
    try {
      const value = await fn(client);
      this.cameBack();
      return value;
    } catch (err) {
      if (isDatabaseDown(err)) {
        broken = err instanceof Error ? err : new Error(String(err));
        this.wentDown(err);
      }
      throw translate(err);
    } finally {
      client.release(broken);
    }
  }

  /** Logs the first failure of an outage only (quiet logs), and the recovery once. */
  private wentDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.o.log.warn({ err: String((err as Error)?.message ?? err) }, 'database unreachable; answering 503 until it is back');
  }
  private cameBack(): void {
    if (!this.down) return;
    this.down = false;
    this.o.log.info('database reachable again');
  }

  /** Applies the migrations not yet recorded in `schema_migrations`, under an advisory lock so that instances starting together take turns. */
  private migrate(): Promise<void> {
    return this.withClient(async (client) => {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
        const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        for (const [i, sql] of migrations('postgres').entries()) {
          if (done.has(i + 1)) continue;
          await client.query('BEGIN');
          try {
            await client.query(sql);
            await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [i + 1, Date.now()]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          }
          this.o.log.info({ version: i + 1 }, 'database migrated');
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
      }
    });
  }
}
