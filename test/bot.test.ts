import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot.js';
import { createBrain } from '../src/dialog/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { silentLogger } from '../src/log.js';
import { Metrics } from '../src/metrics.js';
import type { Repos } from '../src/store/types.js';

const brain = createBrain({ agentHours: '00:00-24:00' });

function setup(maxChars = 2000) {
  const store = new SqliteStore({ file: ':memory:', dayOf: () => '2026-01-01' });
  const metrics = new Metrics({ defaults: false });
  return { store, metrics, bot: new Bot({ brain, store, log: silentLogger, maxChars, metrics }) };
}
const msg = (text: string, conversationId = 'c1', at = Date.now()) => ({ conversationId, channel: 'web' as const, text, at });

describe('Bot', () => {
  it('saves the message (masked), the state and the replies of a turn together, and gives each reply its transcript id', async () => {
    const { bot, store } = setup();
    const { replies } = await bot.handle(msg('d払いにログインできません。連絡先は090-1234-5678です'));
    expect(replies.some((r) => r.meta?.ask === 'carrier')).toBe(true);
    expect((await store.conversations.load('c1'))?.ask).toBe('carrier');
    const lines = await store.transcript.lines('c1');
    expect(lines[0]).toMatchObject({ role: 'user', text: 'd払いにログインできません。連絡先は[phone number]です' });
    expect(lines.slice(1).map((l) => l.role)).toEqual(replies.map(() => 'bot'));
    expect(replies.map((r) => r.id)).toEqual(lines.slice(1).map((l) => l.id));
    expect(replies.every((r) => r.lang === 'ja')).toBe(true);
  });

  it('answers politely when a turn fails, and keeps the conversation as it was', async () => {
    const { bot, store, metrics } = setup();
    await bot.handle(msg('d払いにログインできません'));
    const before = await store.conversations.load('c1');
    const repo = store.conversations as unknown as { save: () => Promise<void> };
    const save = repo.save;
    repo.save = () => Promise.reject(new Error('disk on fire'));
    const { replies } = await bot.handle(msg('ドコモです'));
    repo.save = save;
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('もう一度送ってください');
    expect(await store.conversations.load('c1')).toEqual(before);
    expect((await store.transcript.lines('c1')).map((l) => l.text)).not.toContain('ドコモです'); // rolled back with the turn
    expect(await metrics.render()).toMatch(/dbarai_turn_errors_total 1/);
    expect((await bot.handle(msg('ドコモです'))).replies.some((r) => r.meta?.ask === 'network')).toBe(true); // and it goes on
  });

  it('retries a turn that met a busy database', async () => {
    const { bot, store } = setup();
    const real = store.tx.bind(store);
    let calls = 0;
    store.tx = <T>(fn: (r: Repos) => Promise<T>): Promise<T> => {
      if (++calls === 1) return Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
      return real(fn);
    };
    expect((await bot.handle(msg('d払いにログインできません'))).replies.some((r) => r.meta?.ask === 'carrier')).toBe(true);
    expect(calls).toBe(2);
  });

  it('asks politely to shorten a message over the limit, and runs no turn', async () => {
    const { bot, store } = setup(100);
    const result = await bot.handle(msg('あ'.repeat(101)));
    expect(result.rejected).toBe('too_long');
    expect(result.replies[0]!.text).toContain('100文字以内');
    expect(await store.transcript.lines('c1')).toEqual([]);
  });

  it('applies the messages of one conversation in the order they arrived, even when they arrive together', async () => {
    const { bot, store } = setup();
    const results = await Promise.all(['d払いにログインできません', 'ドコモです', 'Wi-Fiです'].map((t) => bot.handle(msg(t))));
    expect(results[0]!.replies.at(-1)?.meta?.ask).toBe('carrier');
    expect(results[1]!.replies.at(-1)?.meta?.ask).toBe('network');
    expect(results[2]!.replies.some((r) => r.meta?.remedy === 'disable_wifi')).toBe(true);
    const users = (await store.transcript.lines('c1')).filter((l) => l.role === 'user').map((l) => l.text);
    expect(users).toEqual(['d払いにログインできません', 'ドコモです', 'Wi-Fiです']);
    expect(bot.inFlight).toBe(0); // nothing kept once the conversation is idle
  });

  it('writes the turns of many conversations that arrive together in one transaction, and answers each only after it', async () => {
    const { bot, store } = setup();
    const db = (store as unknown as { db: { exec(sql: string): unknown } }).db;
    const exec = db.exec.bind(db);
    const commits: number[] = [];
    let answered = 0;
    db.exec = (sql: string) => {
      if (sql === 'COMMIT') commits.push(answered);
      return exec(sql);
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => bot.handle(msg('d払いにログインできません', `g${i}`)).then(() => answered++)));
    expect(commits).toEqual([0]); // one COMMIT, before any answer
    expect(answered).toBe(20);
  });

  it('counts an episode as abandoned once, by the periodic sweep, when a troubleshooting question waited 30 minutes; a rating question does not count', async () => {
    const { bot, store } = setup();
    const t0 = Date.UTC(2026, 0, 5, 3, 0);
    await bot.handle(msg('d払いにログインできません', 'left', t0)); // waits on the carrier question
    await bot.handle(msg('d払いにログインできません', 'back', t0));
    await bot.handle(msg('ドコモです', 'back', t0 + 40 * 60_000)); // answered after a while: still going
    for (const [i, text] of ['d払いにログインできません', 'ドコモです', 'Wi-Fiです', 'できました'].entries())
      await bot.handle(msg(text, 'rated', t0 + i * 1000)); // waits on the rating
    const sweep = (at: number) => bot.sweepAbandoned(at - 30 * 60_000, at);
    expect(await sweep(t0 + 31 * 60_000)).toBe(1); // 'left' (its question waited 31 minutes; 'back' answered at 40)
    expect(await sweep(t0 + 90 * 60_000)).toBe(1); // 'back', quiet at its network question since minute 40
    expect(await sweep(t0 + 200 * 60_000)).toBe(0); // never twice
    const db = (store as unknown as { db: { prepare(sql: string): { all(): { conversation_id: string; name: string }[] } } }).db;
    const abandoned = db.prepare("SELECT conversation_id, name FROM events WHERE type = 'abandoned' ORDER BY id").all();
    expect(abandoned).toEqual([
      { conversation_id: 'left', name: 'carrier' },
      { conversation_id: 'back', name: 'network' },
    ]);
  });
});
