/**
 * Retention (RETENTION_DAYS): after the period, no user text remains anywhere.
 * Conversations are played through the real bot at an injected clock (each
 * message's `at`) 91 days ago and 1 day ago; after the purge, every table is
 * read raw and must hold the old user text nowhere, and the recent one still.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { tempDb } from '../helpers/server.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1, 3, 0); // 12:00 in Tokyo, inside agent hours

/** Every table of the database, dumped as text. */
function dump(file: string): Record<string, string> {
  const raw = new Database(file, { readonly: true });
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  const out = Object.fromEntries(tables.map(({ name }) => [name, JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all())]));
  raw.close();
  return out;
}

describe('retention', () => {
  it('removes every copy of user text older than RETENTION_DAYS, table by table, and keeps what is younger', async () => {
    const file = tempDb();
    const core = await assemble(loadConfig({ BOT_DB: file, LOG_LEVEL: 'silent', RETENTION_DAYS: '90' }), { defaultMetrics: false });
    const talk = async (conversationId: string, at: number, texts: string[], channel: 'web' | 'slack' = 'web') => {
      for (const [i, text] of texts.entries()) await core.bot.handle({ conversationId, channel, text, at: at + i * 1000 });
    };
    const old = NOW - 91 * DAY;
    const young = NOW - DAY;
    // Old: a conversation left at a question, one handed off and closed by an agent with a note, one still waiting for a person, a Slack user.
    await talk('old-open', old, ['古い秘密のひみつ文 ログインできない']);
    await talk('old-closed', old, ['古い閉じた相談 ログインできない', '人と話したい']);
    const closed = (await core.store.tickets.openFor('old-closed'))!;
    await core.desk.reply(closed.id, { id: 'alice', name: 'alice' }, '古い担当者の返事', 'console', old + 5000);
    await core.desk.close(closed.id, { id: 'alice', name: 'alice' }, '古いメモ', old + 6000);
    await talk('old-waiting', old, ['古い待ちの相談 オペレーターと話したい']);
    await talk('slack:T1:U1', old, ['古いスラックの相談 ログインできない'], 'slack');
    await core.store.slack.remember('slack:T1:U1', { channel: 'D1' }, old);
    // Young: the same kinds, a day old.
    await talk('young-open', young, ['新しい相談 ログインできない']);
    await talk('young', young, ['新しいチケット ログインできない', '人と話したい']);
    await core.store.slack.remember('slack:T1:U2', { channel: 'D2' }, young);

    const before = dump(file);
    expect(JSON.stringify(before)).toContain('古い');
    const removed = await core.store.purge(NOW - 90 * DAY);
    expect(removed.transcript).toBeGreaterThan(0);
    const after = dump(file);
    await core.close();

    for (const [table, rows] of Object.entries(after)) expect(rows, `${table} still holds old user text`).not.toMatch(/古い/);
    expect(after.transcript).toContain('新しい相談');
    expect(after.conversations).toContain('新しい相談'); // the state's first message
    expect(after.tickets).toContain('新しいチケット'); // the summary of a young ticket
    expect(after.slack_conversations).toContain('D2');
    expect(after.tickets).toContain('waiting'); // the old waiting ticket stays, scrubbed of its text
    expect(after.events).toContain('old-open'); // analytics keep ids and labels
  });
});
