/**
 * The review inbox's repository on SQLite: grouping by fingerprint, ignored
 * fingerprints that never come back, the bound on new items, and retention at
 * an injected clock (items never applied go; applied ones stay without their
 * context; an ignored fingerprint stays only as its HMAC).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteSql, SqliteStore } from '../../../src/store/sqlite.js';
import { MetaRepo } from '../../../src/store/repos/meta.js';
import { migrations } from '../../../src/store/schema.js';
import { ReviewRepo, type ReviewRecord } from '../../../src/store/repos/review.js';
import { tempDb } from '../../helpers/server.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1, 3, 0);
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

const seen = (text: string, at: number, more: Partial<ReviewRecord> = {}): ReviewRecord => ({
  text,
  lang: 'ja',
  predicted: { intent: 'out_of_scope', confidence: 0.3 },
  reason: 'out_of_scope',
  at,
  context: [{ role: 'bot', text: `前の質問 ${at}`, at: at - 1 }],
  ...more,
});

describe('review repository', () => {
  it('groups messages by fingerprint: one item, its count, the text as first seen, the latest prediction and context', async () => {
    const store = new SqliteStore({ file: ':memory:', dayOf });
    expect(await store.tx((r) => r.review.record(seen('ﾛｸﾞｲﾝ画面が真っ白になる 3回目', NOW)))).toBe('new');
    const second = seen('ログイン画面が真っ白になる、5回目!', NOW + 1000, { predicted: { intent: 'login_failed', confidence: 0.4 } });
    expect(await store.tx((r) => r.review.record(second))).toBe('counted');
    expect(await store.tx((r) => r.review.record(seen('まったく別の話', NOW + 2000)))).toBe('new');
    const [item, other] = await store.review.list('new');
    expect(item).toMatchObject({
      text: 'ﾛｸﾞｲﾝ画面が真っ白になる 3回目',
      count: 2,
      firstAt: NOW,
      lastAt: NOW + 1000,
      predicted: { intent: 'login_failed', confidence: 0.4 },
      reason: 'out_of_scope',
      context: [{ role: 'bot', text: `前の質問 ${NOW + 1000}` }],
      status: 'new',
    });
    expect(other).toMatchObject({ text: 'まったく別の話', count: 1 });
    expect(await store.tx((r) => r.review.record(seen(' ！？ ', NOW)))).toBe('empty');
    await store.close();
  });

  it('never brings an ignored fingerprint back, before and after retention removed its item', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf });
    await store.tx((r) => r.review.record(seen('広告みたいな変な文', NOW - 100 * DAY)));
    const [item] = await store.review.list('new');
    await store.tx((r) => r.review.ignore(item!.id, 'alice', NOW - 100 * DAY));
    expect(await store.tx((r) => r.review.record(seen('広告みたいな変な文!!', NOW - 99 * DAY)))).toBe('ignored');
    expect((await store.review.list('ignored'))[0]).toMatchObject({ count: 1, status: 'ignored', labelledBy: 'alice' });
    await store.purge(NOW - 90 * DAY);
    expect(await store.review.list('ignored')).toEqual([]);
    expect(await store.tx((r) => r.review.record(seen('広告みたいな変な文', NOW)))).toBe('ignored');
    expect(await store.review.list('new')).toEqual([]);
    await store.close();
    const raw = new Database(file, { readonly: true });
    const kept = raw.prepare('SELECT * FROM review_ignored').all() as { fingerprint: string }[];
    raw.close();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/); // an HMAC-SHA256, not the text or its fingerprint
  });

  it('refuses new fingerprints once the bound of new items is reached, and still counts known ones', async () => {
    const db = new Database(':memory:');
    const sql = new SqliteSql(db);
    for (const m of migrations('sqlite')) db.exec(m);
    const repo = new ReviewRepo(sql, new MetaRepo(sql), 3);
    for (const t of ['一つ目', '二つ目', '三つ目']) expect(await repo.record(seen(t, NOW))).toBe('new');
    expect(await repo.record(seen('四つ目', NOW))).toBe('full');
    expect(await repo.record(seen('一つ目', NOW + 1))).toBe('counted');
    expect(await repo.count('new')).toBe(3);
    db.close();
  });

  it('retention (injected clock): items never applied go, applied ones stay without context, young ones stay', async () => {
    const file = tempDb();
    const store = new SqliteStore({ file, dayOf });
    const old = NOW - 91 * DAY;
    for (const t of ['古い未処理の文', '古いラベル付きの文', '古い適用済みの文', '古い無視した文']) await store.tx((r) => r.review.record(seen(t, old)));
    await store.tx((r) => r.review.record(seen('新しい未処理の文', NOW - DAY)));
    const byText = new Map((await store.review.list('new')).map((i) => [i.text, i.id]));
    await store.tx((r) => r.review.label(byText.get('古いラベル付きの文')!, 'login_failed', 'alice', old));
    await store.tx((r) => r.review.label(byText.get('古い適用済みの文')!, 'login_failed', 'alice', old));
    await store.tx((r) => r.review.ignore(byText.get('古い無視した文')!, 'alice', old));
    await store.tx((r) => r.review.markApplied([{ id: byText.get('古い適用済みの文')!, label: 'login_failed' }], 1));

    const removed = await store.purge(NOW - 90 * DAY);
    expect(removed).toMatchObject({ review_items: 3, review_context: 1 });
    expect((await store.review.list('new')).map((i) => i.text)).toEqual(['新しい未処理の文']);
    expect(await store.review.list('labelled')).toEqual([]);
    expect(await store.review.list('ignored')).toEqual([]);
    const [applied] = await store.review.list('applied');
    expect(applied).toMatchObject({ text: '古い適用済みの文', label: 'login_failed', version: 1, context: [] });
    await store.close();
    const raw = new Database(file, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM review_items').all()) + JSON.stringify(raw.prepare('SELECT * FROM review_ignored').all());
    raw.close();
    expect(dump).not.toMatch(/古い(未処理|ラベル付き|無視した)/);
    expect(dump).not.toContain(`前の質問 ${old}`);
    expect(dump).toContain('古い適用済みの文'); // a training example a person chose
  });
});
