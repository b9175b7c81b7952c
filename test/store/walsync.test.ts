/**
 * The store syncs the WAL itself, off the event loop, before it acknowledges
 * a unit: a unit's promise resolves only after the sync that covers its
 * commit, the next batch runs meanwhile, batches are acknowledged in order,
 * and a sync the disk refuses fails its units instead of acknowledging them.
 */
import { fdatasync } from 'node:fs';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { SyncFile } from '../../src/store/walsync.js';
import { tempDb } from '../helpers/server.js';

const dayOf = () => '2026-06-01';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sync the test releases by hand, one call at a time. */
function heldSync() {
  const calls: { fd: number; done: (err: NodeJS.ErrnoException | null) => void }[] = [];
  const sync: SyncFile = (fd, done) => void calls.push({ fd, done });
  return { sync, calls };
}

/** What another connection sees committed in a conversation's transcript. */
function committedLines(file: string, conversation: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT text FROM transcript WHERE conversation_id = ? ORDER BY id').all(conversation) as { text: string }[]).map((r) => r.text);
  } finally {
    db.close();
  }
}

describe('the WAL sync of the SQLite store', () => {
  it('acknowledges a unit only after the sync covering its commit; the next batch commits meanwhile; acknowledgements keep their order', async () => {
    const file = tempDb();
    const held = heldSync();
    const store = new SqliteStore({ file, dayOf, syncWal: held.sync, checkpointMs: 0 });
    const acked: string[] = [];
    const first = store.tx((r) => r.transcript.append('c', 'user', 'one', 1)).then(() => acked.push('one'));
    for (const end = Date.now() + 2000; held.calls.length < 1 && Date.now() < end;) await sleep(2);
    expect(held.calls).toHaveLength(1); // the first batch committed and asked for its sync
    expect(committedLines(file, 'c')).toEqual(['one']);

    const second = store.tx((r) => r.transcript.append('c', 'user', 'two', 2)).then(() => acked.push('two'));
    for (const end = Date.now() + 2000; committedLines(file, 'c').length < 2 && Date.now() < end;) await sleep(2);
    expect(committedLines(file, 'c')).toEqual(['one', 'two']); // committed while the first sync still runs
    expect(held.calls).toHaveLength(1); // it waits for the next sync, which starts when the first ends
    expect(acked).toEqual([]); // nothing acknowledged before its sync

    held.calls[0]!.done(null);
    await first;
    expect(acked).toEqual(['one']);
    for (const end = Date.now() + 2000; held.calls.length < 2 && Date.now() < end;) await sleep(2);
    held.calls[1]!.done(null);
    await second;
    expect(acked).toEqual(['one', 'two']);

    await store.close();
    expect(held.calls).toHaveLength(2);
  });

  it('makes a write outside a unit (a secret kept in meta at start-up) wait for its sync too; reads outside a unit do not wait', async () => {
    const file = tempDb();
    const held = heldSync();
    const store = new SqliteStore({ file, dayOf, syncWal: held.sync, checkpointMs: 0 });
    let kept: string | undefined;
    const secret = store.meta.value('session_secret', () => 'a-secret').then((v) => (kept = v));
    for (const end = Date.now() + 2000; held.calls.length < 1 && Date.now() < end;) await sleep(2);
    expect(held.calls).toHaveLength(1);
    await sleep(20);
    expect(kept).toBeUndefined(); // written, not yet on the disk: not returned
    held.calls[0]!.done(null);
    await secret;
    expect(kept).toBe('a-secret');
    expect(await store.transcript.lines('nobody')).toEqual([]); // a read needs no sync
    expect(held.calls).toHaveLength(1);
    await store.close();
  });

  it('fails the units of a batch whose sync the disk refused, says so in the log, and goes on syncing inside COMMIT', async () => {
    const file = tempDb();
    const errors: string[] = [];
    const log = createLogger('error', new Writable({ write: (line: Buffer, _enc, done) => (errors.push(String(JSON.parse(line.toString()).msg)), done()) }));
    let refused = 0;
    const refuse: SyncFile = (_fd, done) => (refused++, done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
    const store = new SqliteStore({ file, dayOf, syncWal: refuse, checkpointMs: 0, log });
    await expect(store.tx((r) => r.transcript.append('c', 'user', 'lost?', 1))).rejects.toThrow(/EIO/);
    expect(errors).toEqual([expect.stringMatching(/syncing the WAL failed/)]);
    await expect(store.tx((r) => r.transcript.append('c', 'user', 'after', 2))).resolves.toBeTypeOf('number');
    expect(refused).toBe(1); // SQLite synced that one inside its COMMIT
    expect(errors).toHaveLength(1);
    await store.close();
  });

  it('syncs the WAL file with fdatasync, once for many units that commit together, and what it acknowledged is there after a reopen', async () => {
    const file = tempDb();
    const fds = new Set<number>();
    let calls = 0;
    const counting: SyncFile = (fd, done) => {
      calls++;
      fds.add(fd);
      fdatasync(fd, done);
    };
    const store = new SqliteStore({ file, dayOf, syncWal: counting });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.tx((r) => r.transcript.append('c', 'user', `line ${i}`, i))));
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThan(5); // fifty units, a batch or two
    expect(fds.size).toBe(1);
    await store.close();
    const again = new SqliteStore({ file, dayOf });
    expect(await again.transcript.lines('c', 100)).toHaveLength(50);
    await again.close();
  });
});
