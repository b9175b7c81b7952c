/**
 * One suite, two engines: every test here runs against SQLite (a temp file)
 * and against PostgreSQL (a fresh database on DATABASE_URL; skipped, with
 * the reason in its name, when there is none). What a caller of `Store`
 * relies on must hold on both: repositories, integers as numbers, a unit
 * all or nothing, retention, exclusive jobs, racing instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { newState } from '../../src/dialog/state.js';
import type { Reply } from '../../src/core/types.js';
import { silentLogger } from '../../src/log.js';
import { tempDb } from '../helpers/server.js';
import { PG_URL, freshDatabase, pgSuite } from '../helpers/pg.js';

const dayOf = () => '2026-06-01';
const DAY = 24 * 60 * 60 * 1000;

interface Engine {
  name: string;
  skip: boolean;
  /** Opens a store on the engine's database; a second call opens another "instance" on the same database. */
  setup(): Promise<{ open(): Promise<Store>; done(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite',
    skip: false,
    setup: () => {
      const file = tempDb();
      return Promise.resolve({ open: () => Promise.resolve(new SqliteStore({ file, dayOf })), done: () => Promise.resolve() });
    },
  },
  {
    name: pgSuite('PostgreSQL'),
    skip: !PG_URL,
    setup: async () => {
      const db = await freshDatabase();
      return { open: () => openStore({ file: '', databaseUrl: db.url, dayOf, log: silentLogger }), done: () => db.drop() };
    },
  },
];

const request = (conversationId: string, at: number, firstMessage = 'ログインできない') => ({
  conversationId,
  channel: 'web' as const,
  lang: 'ja' as const,
  priority: 'normal' as const,
  summary: { reason: 'asked' as const, slots: {}, remedies: [], firstMessage },
  at,
});

for (const engine of engines) {
  describe.skipIf(engine.skip)(`store on ${engine.name}`, () => {
    let db: Awaited<ReturnType<Engine['setup']>>;
    let store: Store;
    const others: Store[] = [];
    /** Another instance on the same database. */
    const another = async () => {
      const s = await db.open();
      others.push(s);
      return s;
    };

    beforeAll(async () => {
      db = await engine.setup();
      store = await db.open();
    });
    afterAll(async () => {
      for (const s of others) await s.close();
      await store?.close();
      await db?.done();
    });

    it('keeps a conversation state, and starts afresh for an unknown one', async () => {
      expect(await store.conversations.load('nobody')).toBeUndefined();
      const state = { ...newState(1_780_000_000_000), ask: 'carrier' as const, firstMessage: 'ログインできない' };
      await store.tx((r) => r.conversations.save('c-state', 'web', state, 'carrier'));
      expect(await store.conversations.load('c-state')).toEqual(state);
      expect(await store.conversations.waiting(1_780_000_000_001)).toEqual([{ id: 'c-state', channel: 'web' }]);
      expect(await store.conversations.waiting(1_780_000_000_000)).toEqual([]); // not waiting long enough yet
    });

    it('load(id, true) inside a unit gives a new conversation no state, and the unit can save it', async () => {
      const before = await store.tx((r) => r.conversations.load('c-new', true));
      expect(before).toBeUndefined();
      await store.tx(async (r) => {
        expect(await r.conversations.load('c-new', true)).toBeUndefined();
        await r.conversations.save('c-new', 'web', newState(5), null);
      });
      expect((await store.conversations.load('c-new'))?.lastAt).toBe(5);
    });

    it('numbers transcript lines in order, as numbers, and keeps what a reply carried', async () => {
      const at = 1_780_000_000_123;
      const ids = await store.tx(async (r) => [
        await r.transcript.append('c-lines', 'user', 'ログインできない', at),
        // A bot line's extra is the whole reply, as the bot passes it: its text is kept once, in the line's own column.
        await r.transcript.append('c-lines', 'bot', 'キャリアは？', at, {
          type: 'message',
          text: 'キャリアは？',
          quick_replies: [{ title: 'ドコモ', payload: 'docomo' }],
          lang: 'ja',
        } as Reply),
        await r.transcript.append('c-lines', 'agent', '担当です', at + 1, { agent: 'alice' }),
      ]);
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect(ids[1]! > ids[0]! && ids[2]! > ids[1]!).toBe(true);
      const lines = await store.transcript.lines('c-lines');
      expect(lines).toEqual([
        { id: ids[0], role: 'user', text: 'ログインできない', at },
        { id: ids[1], role: 'bot', text: 'キャリアは？', at, quick_replies: [{ title: 'ドコモ', payload: 'docomo' }], lang: 'ja' },
        { id: ids[2], role: 'agent', text: '担当です', at: at + 1, agent: 'alice' },
      ]);
      expect(await store.transcript.lines('c-lines', 1)).toHaveLength(1);
      expect((await store.transcript.lines('c-lines', 10, ids[0])).map((l) => l.id)).toEqual([ids[1], ids[2]]);
    });

    it('appends a turn of lines with one call, more than a statement holds, and returns their ids in the order given', async () => {
      const texts = Array.from({ length: 11 }, (_, i) => `行 ${i + 1}`);
      const ids = await store.tx((r) =>
        r.transcript.appendAll(
          'c-turn',
          texts.map((text, i) => ({
            role: i === 0 ? ('user' as const) : ('bot' as const),
            text,
            at: 1_780_000_000_000 + i,
            extra: i ? { lang: 'ja' as const } : undefined,
          })),
        ),
      );
      expect(ids).toHaveLength(11);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
      const lines = await store.transcript.lines('c-turn');
      expect(lines.map((l) => [l.id, l.text, l.lang])).toEqual(texts.map((text, i) => [ids[i], text, i ? 'ja' : undefined]));
    });

    it('opens one ticket per conversation, queues urgent first, and reads times and positions as numbers', async () => {
      const at = 1_780_000_000_000;
      const a = await store.tx((r) => r.tickets.open(request('c-t1', at)));
      const again = await store.tx((r) => r.tickets.open(request('c-t1', at + 5)));
      expect(again).toEqual({ id: a.id, position: 1, created: false });
      const urgent = await store.tx((r) => r.tickets.open({ ...request('c-t2', at + 10), priority: 'urgent' }));
      expect(urgent.position).toBe(1);
      expect(await store.tickets.position(a.id)).toBe(2);
      const ticket = (await store.tickets.get(a.id))!;
      expect(ticket).toMatchObject({ status: 'waiting', createdAt: at, updatedAt: at, summary: { firstMessage: 'ログインできない' } });
      expect(typeof ticket.createdAt).toBe('number');
      await store.tx(async (r) => {
        const locked = await r.tickets.get(a.id, true);
        await r.tickets.update(locked!.id, { status: 'claimed', agent: 'alice', agentName: 'Alice', at: at + 20 });
        await r.tickets.addEvent(a.id, { type: 'claimed', agent: 'alice', agentName: 'Alice', from: null, at: at + 20 });
      });
      expect(await store.tickets.status(a.id)).toEqual({ status: 'claimed', position: 0 });
      expect(await store.tickets.events(a.id)).toEqual([
        { type: 'opened', agent: null, agentName: null, from: null, at },
        { type: 'claimed', agent: 'alice', agentName: 'Alice', from: null, at: at + 20 },
      ]);
      expect((await store.tickets.list('waiting')).map((t) => t.id)).toEqual([urgent.id]);
    });

    it('writes all of a unit or none of it', async () => {
      await expect(
        store.tx(async (r) => {
          await r.transcript.append('c-atomic', 'user', '消えるはず', 1);
          await r.conversations.save('c-atomic', 'web', newState(1), null);
          throw new Error('the turn failed');
        }),
      ).rejects.toThrow('the turn failed');
      expect(await store.transcript.lines('c-atomic')).toEqual([]);
      expect(await store.conversations.load('c-atomic')).toBeUndefined();
      await store.tx((r) => r.transcript.append('c-atomic', 'user', '残る', 2)); // and the next unit goes through
      expect((await store.transcript.lines('c-atomic')).map((l) => l.text)).toEqual(['残る']);
    });

    it('gives two instances racing for the session secret the same value', async () => {
      const other = await another();
      const [a, b] = await Promise.all([store.meta.value('race', () => 'from-a'), other.meta.value('race', () => 'from-b')]);
      expect(a).toBe(b);
      expect(await other.meta.value('race', () => 'later')).toBe(a);
    });

    it('answers a Slack event once, even when its retry reaches another instance at the same moment', async () => {
      const other = await another();
      const now = Date.now();
      const firsts = await Promise.all([store.slack.firstTime('event:Ev1', now), other.slack.firstTime('event:Ev1', now)]);
      expect(firsts.filter(Boolean)).toHaveLength(1);
      expect(await store.slack.firstTime('event:Ev1', now + 1000)).toBe(false);
      expect(await store.slack.firstTime('event:Ev1', now + 2 * DAY)).toBe(true); // remembered for a day
    });

    it('deletes user text older than the retention period and keeps the young', async () => {
      const now = Date.now();
      await store.tx(async (r) => {
        await r.transcript.append('c-old', 'user', '古い相談', now - 91 * DAY);
        await r.conversations.save('c-old', 'web', newState(now - 91 * DAY), null);
        await r.transcript.append('c-young', 'user', '新しい相談', now - DAY);
      });
      const removed = await store.purge(now - 90 * DAY);
      expect(removed.transcript).toBeGreaterThanOrEqual(1);
      expect(typeof removed.transcript).toBe('number');
      expect(await store.transcript.lines('c-old')).toEqual([]);
      expect(await store.conversations.load('c-old')).toBeUndefined();
      expect((await store.transcript.lines('c-young')).map((l) => l.text)).toEqual(['新しい相談']);
    });

    it('applies one conversation’s units from two instances one after the other: no update is lost', async () => {
      // SQLite serves one process: its "two instances" are two callers of one store (a second connection would wait on the first's lock, synchronously).
      const other = store.dialect === 'postgres' ? await another() : store;
      const id = 'c-race';
      /** A turn in miniature: lock the conversation, read how many lines it has, write the next one. */
      const step = (s: Store, from: string) =>
        s.tx(async (r) => {
          await r.conversations.load(id, true);
          const n = (await r.transcript.lines(id, 1000)).length;
          await new Promise((resolve) => setTimeout(resolve, 2)); // widen the window a lost update would need
          await r.transcript.append(id, 'user', `${n + 1} ${from}`, Date.now());
          await r.conversations.save(id, 'web', newState(Date.now()), null);
        });
      for (let i = 0; i < 12; i++) await Promise.all([step(store, 'A'), step(other, 'B')]);
      const lines = await store.transcript.lines(id, 1000);
      expect(lines).toHaveLength(24);
      expect(lines.map((l) => Number(l.text.split(' ')[0]))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    });

    it('runs a periodic job on one instance at a time', async () => {
      const other = await another();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let runs = 0;
      const first = store.exclusive('test-job', async () => {
        runs++;
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await other.exclusive('test-job', () => Promise.resolve(void runs++));
      if (store.dialect === 'postgres')
        expect(second).toBe(false); // the other instance holds it
      else expect(second).toBe(true); // SQLite: one process, the job always runs
      expect(await other.exclusive('another-job', () => Promise.resolve())).toBe(true);
      release();
      expect(await first).toBe(true);
      expect(await other.exclusive('test-job', () => Promise.resolve(void runs++))).toBe(true); // free again
      expect(runs).toBe(store.dialect === 'postgres' ? 2 : 3);
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
