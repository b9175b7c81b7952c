import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { migrations } from './schema.js';
import type { Logger } from '../log.js';
import { purgeUserText } from './retention.js';
import { OwnRepos, reposOn } from './repos/index.js';
import type { Sql } from './sql.js';
import type { Purged, Repos, Store } from './types.js';
import { WalSync, type SyncFile } from './walsync.js';

export interface SqliteOptions {
  /** A file path, or `:memory:`. */
  file: string;
  /** The calendar day of an instant in AGENT_TZ, for analytics events. */
  dayOf: (at: number) => string;
  /** Test only: keep each batch's transaction open this long before it commits. */
  holdBatchMs?: number;
  /** How often a thread of its own checkpoints the WAL of a file (default 250 ms; 0: SQLite checkpoints in the writer, as it does by default). */
  checkpointMs?: number;
  /** Where a failing checkpoint thread or WAL sync is reported. */
  log?: Pick<Logger, 'warn' | 'error'>;
  /** Test only: the WAL size (frames) from which the writer has it restarted between two batches (default `RESTART_WAL_FRAMES`). */
  restartWalFrames?: number;
  /** Test only: how the WAL file is synced (default `fs.fdatasync`). */
  syncWal?: SyncFile;
}

/** A WAL of about 16 MB (4 KB pages) is restarted at the next pause between batches. */
const RESTART_WAL_FRAMES = 4096;
/** After a restart that could not be done, the writer does not hold its batches for another for this long. */
const RESTART_BACKOFF_MS = 5000;

/**
 * better-sqlite3 behind the asynchronous `Sql` surface: statements are
 * prepared once and cached by their text. A statement that writes outside a
 * transaction (a unit's writes are inside one) resolves once `flushed` says
 * the WAL is on the disk, so it is as durable as a unit.
 */
export class SqliteSql implements Sql {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<string, Database.Statement>();
  constructor(
    private readonly db: Database.Database,
    private readonly flushed?: () => Promise<void>,
  ) {}

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }
  private settle<T>(st: Database.Statement, value: T): Promise<T> {
    return this.flushed && !st.readonly && !this.db.inTransaction ? this.flushed().then(() => value) : Promise.resolve(value);
  }
  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const st = this.prepare(sql);
    return this.settle(st, st.all(...params) as T[]);
  }
  get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    const st = this.prepare(sql);
    return this.settle(st, st.get(...params) as T | undefined);
  }
  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const st = this.prepare(sql);
    return this.settle(st, st.run(...params).changes);
  }
}

interface Pending {
  fn: (r: Repos) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * The embedded store: one SQLite file in WAL mode, durable like
 * `synchronous = FULL`, so a committed turn survives `kill -9` and power loss.
 * Units that arrive together are written in one transaction (group commit:
 * one fsync for many turns), each inside its own savepoint so that one
 * failing unit rolls back alone. Units run in arrival order.
 *
 * The fsync that FULL does inside COMMIT is done from libuv's thread pool
 * instead (`WalSync`): the COMMIT writes the batch's WAL frames, the next
 * batch may start at once, and every unit's promise resolves only once those
 * frames are on the disk, so a reply is never sent for a turn that could still
 * be lost. Batches become durable, and their promises resolve, in order.
 */
export class SqliteStore extends OwnRepos implements Store {
  readonly dialect = 'sqlite';
  private readonly db: Database.Database;
  private readonly sql: SqliteSql;
  protected readonly repos: Repos;
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly checkpointer?: Checkpointer;
  /** Syncs the WAL off the event loop; absent for `:memory:` (or when the WAL file cannot be opened: SQLite then syncs in COMMIT). */
  private walSync?: WalSync;
  /** Batches committed whose promises wait for their WAL sync. */
  private syncing = 0;
  /** The WAL has grown past `RESTART_WAL_FRAMES`: the next pause between batches restarts it. */
  private restartWanted = false;
  /** The checkpoint thread is restarting the WAL: batches wait. */
  private restarting = false;
  /** Whether a batch committed since the last restart (until one does, the WAL holds only what was copied already). */
  private committedSinceRestart = false;
  /** No restart before this time (ms): the last one could not be done (a reader in another process held the WAL). */
  private restartAfter = 0;

  constructor(private readonly options: SqliteOptions) {
    super();
    const onFile = options.file !== ':memory:';
    if (onFile) mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 3000');
    // A savepoint per unit keeps the pages it changes in a sub-journal: in memory, not in a temporary file per batch.
    this.db.pragma('temp_store = MEMORY');
    this.migrate();
    // FULL's fsync moves out of COMMIT: the store syncs the WAL itself before it resolves a unit (see flush).
    if (onFile) this.walSync = WalSync.open(`${options.file}-wal`, options.syncWal);
    if (this.walSync) this.db.pragma('synchronous = NORMAL');
    // Checkpoints copy the WAL into the database file: writes and fsyncs that would stall every reply of the batch
    // that triggers one. A thread of its own does them instead, beside the writer.
    const every = options.checkpointMs ?? 250;
    if (onFile && every > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(
        options.file,
        every,
        (message) => options.log?.warn({ err: message }, 'sqlite: the checkpoint thread failed; the WAL file grows until restart'),
        (frames) => {
          if (frames < (options.restartWalFrames ?? RESTART_WAL_FRAMES) || !this.committedSinceRestart || Date.now() < this.restartAfter) return;
          this.restartWanted = true;
          this.schedule();
        },
      );
    }
    this.sql = new SqliteSql(this.db, () => this.walSync?.flushed() ?? Promise.resolve());
    this.repos = reposOn(this.sql, options.dayOf);
  }

  tx<T>(fn: (r: Repos) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve, reject });
      this.schedule();
    });
  }

  async exclusive(_job: string, fn: () => Promise<void>): Promise<boolean> {
    await fn();
    return true;
  }

  async ping(): Promise<void> {
    await this.sql.get('SELECT 1');
  }

  purge(before: number): Promise<Purged> {
    return this.tx(() => purgeUserText(this.sql, before));
  }

  async close(): Promise<void> {
    while (this.flushing || this.restarting || this.queue.length || this.syncing) await new Promise((r) => setImmediate(r));
    await this.walSync?.close();
    await this.checkpointer?.stop();
    this.db.close();
  }

  /**
   * The batch starts on the next turn of the event loop, so that everything that arrived meanwhile joins it.
   * Between two batches, a WAL grown too large is restarted first.
   */
  private schedule(): void {
    if (this.scheduled || this.flushing || this.restarting) return;
    if (this.restartWanted && this.checkpointer) return this.restartWal(this.checkpointer);
    if (!this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      for (const p of batch) p.reject(err);
      return this.done();
    }
    for (const p of batch) {
      this.db.exec('SAVEPOINT unit');
      try {
        outcomes.push({ ok: true, value: await p.fn(this.repos) });
        this.db.exec('RELEASE unit');
      } catch (err) {
        this.db.exec('ROLLBACK TO unit');
        this.db.exec('RELEASE unit');
        outcomes.push({ ok: false, value: err });
      }
    }
    if (this.options.holdBatchMs) await new Promise((r) => setTimeout(r, this.options.holdBatchMs));
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const p of batch) p.reject(err);
      return this.done();
    }
    this.committedSinceRestart = true;
    this.done(); // the next batch may run while this one's frames reach the disk
    if (this.walSync) {
      this.syncing++;
      try {
        await this.walSync.flushed();
      } catch (err) {
        this.syncFailed(err);
        for (const p of batch) p.reject(err);
        return;
      } finally {
        this.syncing--;
      }
    }
    batch.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
  }

  /**
   * The disk refused a sync: the batches it covered were not acknowledged (their
   * units failed). From now on SQLite syncs inside COMMIT again, as FULL does.
   */
  private syncFailed(err: unknown): void {
    if (!this.walSync) return;
    this.options.log?.error({ err }, 'sqlite: syncing the WAL failed; the turns of that batch were not acknowledged, and SQLite syncs in COMMIT from now on');
    this.db.pragma('synchronous = FULL');
    const failed = this.walSync;
    this.walSync = undefined;
    void failed.close();
  }

  /**
   * Has the checkpoint thread copy the rest of the WAL and restart it, while no
   * batch runs (a few ms: the PASSIVE checkpoints copied the bulk already).
   * Without this, a writer that never pauses would grow the WAL for ever: each
   * PASSIVE checkpoint misses the frames committed while it ran, and SQLite
   * starts the WAL again only once every frame is in the database.
   */
  private restartWal(checkpointer: Checkpointer): void {
    this.restartWanted = false;
    this.committedSinceRestart = false;
    this.restarting = true;
    void checkpointer.restart().then((ok) => {
      this.restarting = false;
      if (!ok) this.restartAfter = Date.now() + RESTART_BACKOFF_MS;
      this.schedule();
    });
  }

  private done(): void {
    this.flushing = false;
    if (this.queue.length) this.schedule();
  }

  private migrate(): void {
    const list = migrations('sqlite');
    const done = this.db.pragma('user_version', { simple: true }) as number;
    for (let i = done; i < list.length; i++) {
      this.db.transaction(() => {
        this.db.exec(list[i]!);
        this.db.pragma(`user_version = ${i + 1}`);
      })();
    }
  }
}
