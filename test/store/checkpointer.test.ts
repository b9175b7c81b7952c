/**
 * The WAL is checkpointed by a thread of its own: the connection that writes
 * turns never does it (its automatic checkpoint is off), yet the database file
 * receives the pages while the store is open, the WAL starts again from its
 * beginning instead of growing, and nothing written is lost.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDb } from '../helpers/server.js';

const dayOf = () => '2026-06-01';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LINE = 'ログインできません '.repeat(40);

/** Commits `rounds` batches of 100 long lines; after each, waits up to `pause` ms for the database file to grow (a checkpoint). */
async function write(store: SqliteStore, file: string, rounds: number, pause: number): Promise<number> {
  let lines = 0;
  for (let round = 0; round < rounds; round++) {
    const size = statSync(file).size;
    await store.tx(async (r) => {
      for (let i = 0; i < 100; i++, lines++) await r.transcript.append(`c-${i}`, 'user', LINE, Date.now());
    });
    for (const end = Date.now() + pause; Date.now() < end && statSync(file).size === size;) await sleep(10);
  }
  return lines;
}

describe('the checkpoint thread', () => {
  it('copies the WAL into the database while the store is open, keeps the WAL from growing with what is written, and loses nothing', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf, checkpointMs: 20 });
    const before = statSync(file).size;
    const lines = await write(store, file, 10, 2000); // about 1.2 MB of lines, 10 commits, a checkpoint between each
    const grown = statSync(file).size - before;
    const wal = statSync(`${file}-wal`).size;
    await store.close();
    expect(grown).toBeGreaterThan(800_000); // the writer checkpoints nothing itself: only the thread can have copied this
    expect(wal).toBeLessThan(grown / 2); // started again from its beginning, not as long as all that was written
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM transcript').get()).toEqual({ n: lines });
    db.close();
  });

  it('is not started with checkpointMs 0: the same writes then stay in the WAL until SQLite checkpoints at 1000 pages', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf, checkpointMs: 0 });
    const before = statSync(file).size;
    await write(store, file, 10, 40);
    expect(statSync(file).size - before).toBe(0);
    await store.close();
  });
});
