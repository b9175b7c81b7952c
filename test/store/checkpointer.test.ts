/**
 * The WAL is checkpointed by a thread of its own: the connection that writes
 * turns never does it (its automatic checkpoint is off), yet the database file
 * receives the pages, the WAL starts again from its beginning instead of
 * growing with what is written, and nothing written is lost.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startCheckpointer } from '../../src/store/checkpointer.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDb } from '../helpers/server.js';

const dayOf = () => '2026-06-01';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LINE = 'ログインできません '.repeat(40);

/** A writer as the store opens one (WAL, no automatic checkpoint), on a fresh file with a table of lines. */
function writer(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE lines (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  return db;
}

/** Commits one batch of 100 long lines (about 120 kB). */
const batch = (db: Database.Database) =>
  db.transaction(() => {
    for (let i = 0; i < 100; i++) db.prepare('INSERT INTO lines (text) VALUES (?)').run(LINE);
  })();

/** Appends 200 long lines, one unit each, over seven conversations. */
async function appendLines(store: SqliteStore): Promise<void> {
  for (let i = 0; i < 200; i++) await store.tx((r) => r.transcript.append(`c-${i % 7}`, 'user', LINE, Date.now()));
}

/**
 * `users` users, each storing its next line as soon as the last one is stored, `lines` each: the writer always
 * has a batch to write. Resolves to the longest a line waited.
 */
async function usersWithoutPause(store: SqliteStore, users: number, lines: number): Promise<number> {
  let longest = 0;
  const user = async (u: number) => {
    for (let i = 0; i < lines; i++) {
      const started = performance.now();
      await store.tx((r) => r.transcript.append(`c-${u}`, 'user', LINE, Date.now()));
      longest = Math.max(longest, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  return longest;
}

/** How many transcript lines the file holds, read by a connection of its own. */
function linesIn(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM transcript').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the checkpoint thread', () => {
  it('copies every committed frame into the database while the writer goes on; the WAL then starts again, so it stays the size of one batch', async () => {
    const file = tempDb();
    const db = writer(file);
    const full: number[] = [];
    const thread = startCheckpointer(
      file,
      20,
      (m) => expect.fail(m),
      (frames, copied) => frames === copied && full.push(frames),
    );
    const before = statSync(file).size;
    for (let round = 0; round < 10; round++) {
      batch(db);
      const seen = full.length;
      // Two full checkpoints: the first may have been on its way before the commit, the second began after it.
      for (const end = Date.now() + 5000; full.length < seen + 2 && Date.now() < end;) await sleep(5);
      expect(full.length).toBeGreaterThanOrEqual(seen + 2);
    }
    const grown = statSync(file).size - before;
    const wal = statSync(`${file}-wal`).size;
    await thread.stop();
    expect(grown).toBeGreaterThan(1_000_000); // ten batches copied in, by the thread alone
    expect(wal).toBeLessThan(grown / 2); // a batch or two: started again after the checkpoints
    expect(db.prepare('SELECT count(*) AS n FROM lines').get()).toEqual({ n: 1000 });
    db.close();
  });

  it('runs for a store on a file: its database file receives the pages while it is open, and everything is there after close', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf, checkpointMs: 10 });
    const before = statSync(file).size;
    await appendLines(store);
    for (const end = Date.now() + 5000; statSync(file).size === before && Date.now() < end;) await sleep(10);
    expect(statSync(file).size).toBeGreaterThan(before);
    await store.close();
    expect(linesIn(file)).toBe(200);
  });

  it('restarts the WAL for a store whose writes never pause: the file stays the size of a few checkpoints, not of everything written', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf, checkpointMs: 10, restartWalFrames: 256 });
    let largest = 0;
    const watch = setInterval(() => (largest = Math.max(largest, statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)), 5);
    await usersWithoutPause(store, 200, 100);
    clearInterval(watch);
    const db = new Database(file, { readonly: true });
    const written = (db.prepare('PRAGMA page_count').pluck().get() as number) * 4096;
    db.close();
    expect(written).toBeGreaterThan(20_000_000); // 20,000 lines of 1.2 kB
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(written / 4);
    await store.close();
    expect(linesIn(file)).toBe(20_000);
  }, 60_000);

  it('holds the writes little when a reader in another process keeps the WAL: the restart gives up after 100 ms, and is not tried again at once', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf, checkpointMs: 10, restartWalFrames: 64 });
    await store.tx((r) => r.transcript.append('c-0', 'user', LINE, Date.now()));
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM transcript').get(); // a snapshot: frames after it cannot leave the WAL
    const longest = await usersWithoutPause(store, 50, 40);
    reader.exec('COMMIT');
    reader.close();
    await store.close();
    expect(longest).toBeLessThan(600);
    expect(linesIn(file)).toBe(2001);
  }, 60_000);

  it('answers a restart asked of a stopped thread with false, at once', async () => {
    const file = tempDb();
    writer(file).close();
    const thread = startCheckpointer(file, 1000, (m) => expect.fail(m));
    await thread.stop();
    expect(await thread.restart()).toBe(false);
  });

  it('is not started with checkpointMs 0: the same writes then stay in the WAL until SQLite checkpoints at 1000 pages', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf, checkpointMs: 0 });
    const before = statSync(file).size;
    await appendLines(store);
    await sleep(100);
    expect(statSync(file).size - before).toBe(0);
    await store.close();
  });
});
