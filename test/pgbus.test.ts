/**
 * The bus between instances (LISTEN/NOTIFY) and what else they share through
 * PostgreSQL: two stores on one database stand for two instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../src/store/index.js';
import { migrations } from '../src/store/schema.js';
import type { Store } from '../src/store/types.js';
import type { Bus, BusEvents, DeskMessage } from '../src/bus.js';
import { silentLogger } from '../src/log.js';
import { limiter } from '../src/ratelimit.js';
import { PG_URL, freshDatabase, pgSuite } from './helpers/pg.js';

const dayOf = () => '2026-06-01';

/** The events a bus hands to subscribers of `topic`, as they come. */
function collect<K extends keyof BusEvents>(bus: Bus, topic: K): BusEvents[K][] {
  const got: BusEvents[K][] = [];
  bus.subscribe(topic, (p) => got.push(p));
  return got;
}

/** Resolves once `check` holds, polling every 10 ms; rejects after `ms`. */
async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!PG_URL)(pgSuite('several instances on one PostgreSQL database'), () => {
  let drop: () => Promise<void>;
  let url: string;
  let a: Store;
  let b: Store;
  let busA: Bus;
  let busB: Bus;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = () => db.drop();
    url = db.url;
    const open = () => openStore({ file: '', databaseUrl: db.url, dayOf, log: silentLogger });
    [a, b] = await Promise.all([open(), open()]); // their migrations race: one waits for the other
    busA = await a.shared!.bus('A', silentLogger);
    busB = await b.shared!.bus('B', silentLogger);
  });
  afterAll(async () => {
    await busA?.close();
    await busB?.close();
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('records each migration once in schema_migrations, though both instances started at the same moment', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(migrations('postgres').map((_, i) => i + 1));
  });

  it('a model version published on A reaches B’s subscriber, and A’s own once', async () => {
    const onA = collect(busA, 'model');
    const onB = collect(busB, 'model');
    busA.publish('model', { version: 7 });
    expect(onA).toEqual([{ version: 7 }]); // at once, here
    await until(() => onB.length > 0, 1000);
    await new Promise((r) => setTimeout(r, 100));
    expect(onB).toEqual([{ version: 7 }]);
    expect(onA).toHaveLength(1); // its own notification is not delivered again
  });

  it('carries a 4,000-character Japanese message (12 kB, over NOTIFY’s limit) whole, and keeps the order of a burst', async () => {
    const onB = collect(busB, 'message');
    const long = 'ログインできません。'.repeat(400);
    const lines: DeskMessage[] = Array.from({ length: 30 }, (_, i) => ({
      ticketId: 'T-00000000AA',
      id: i + 1,
      role: 'user',
      text: i === 10 ? long : `#${i + 1}`,
      at: i,
    }));
    for (const line of lines) busA.publish('message', line);
    await until(() => onB.length === lines.length);
    expect(onB).toEqual(lines);
  });

  it('counts a user’s messages against one limit across instances', async () => {
    const perMinute = 8; // 4 in a half-minute window
    const onA = limiter(perMinute, (points, duration) => a.shared!.rateLimiter('user', points, duration));
    const onB = limiter(perMinute, (points, duration) => b.shared!.rateLimiter('user', points, duration));
    const waits = [await onA.take('u1'), await onB.take('u1'), await onA.take('u1'), await onB.take('u1'), await onB.take('u1')];
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits[4]).toBeGreaterThan(0);
    expect(await onA.take('u2')).toBe(0); // another user is not affected
  });

  it('tells whether a live instance holds a user’s socket, and forgets a killed one', async () => {
    const cluster = a.shared!.cluster;
    const now = Date.now();
    await cluster.beat('B', now);
    await cluster.socketOpened('s1', 'B', 'w_user', now);
    expect(await cluster.held('w_user', now - 15_000)).toBe(true);
    expect(await cluster.held('w_other', now - 15_000)).toBe(false);
    // B stops beating (kill -9): after 15 s its sockets no longer count, after a minute they are swept.
    expect(await cluster.held('w_user', now + 1)).toBe(false);
    expect(await cluster.sweep(now + 1)).toBeGreaterThanOrEqual(2);
    expect(await cluster.held('w_user', 0)).toBe(false);
  });
});
