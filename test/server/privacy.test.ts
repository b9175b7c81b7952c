import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite.js';
import { authAs, metaOf, startServer, tempDb, webUser } from '../helpers/server.js';

const DAY = 24 * 60 * 60 * 1000;
let db: string;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  db = tempDb();
  const seed = new SqliteStore({ file: db, dayOf: () => '2026-01-01' });
  await seed.tx(async (r) => {
    await r.transcript.append('old', 'user', 'ancient', Date.now() - 91 * DAY);
    await r.transcript.append('old', 'user', 'recent', Date.now() - 89 * DAY);
  });
  await seed.close();
  server = await startServer({ BOT_DB: db, AGENT_HOURS: '00:00-23:59' });
});
afterAll(async () => server.stop());

describe('privacy', () => {
  it('masks card numbers, phones, e-mails and announced passwords before storing or showing them to an agent', async () => {
    const u = await webUser(server.url);
    const warned = await u.say('パスワードは Secret123 です');
    expect(warned[0]!.text).toContain('入力しないでください');
    await u.say('カードは 4111 1111 1111 1111 で、連絡先は 090-1234-5678 と taro@example.com です');
    const ticket = metaOf(await u.say('FES1003が出るので担当者と話したい')).handoff;
    const res = await fetch(`${server.url}/agent/api/tickets/${ticket}`, { headers: authAs('alice') });
    const all = JSON.stringify(await res.json());
    for (const secret of ['Secret123', '4111 1111', '090-1234-5678', 'taro@example.com']) expect(all).not.toContain(secret);
    expect(all).toContain('[secret]');
    expect(all).toContain('[card number]');
    expect(all).toContain('FES1003'); // error codes stay
    const raw = new Database(db, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM transcript').all()) + JSON.stringify(raw.prepare('SELECT * FROM conversations').all());
    raw.close();
    expect(dump).not.toContain('Secret123');
    expect(dump).not.toContain('4111 1111 1111 1111');
  });

  it('deletes transcript lines older than RETENTION_DAYS (90 by default) at start', () => {
    const raw = new Database(db, { readonly: true });
    const lines = raw.prepare("SELECT text FROM transcript WHERE conversation_id = 'old'").all() as { text: string }[];
    raw.close();
    expect(lines.map((l) => l.text)).toEqual(['recent']);
  });
});
