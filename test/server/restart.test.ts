import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { AGENTS, authAs, kill, metaOf, post, startProcess, tempDb } from '../helpers/server.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

const say = async (url: string, user: string, text: string) => {
  const r = await post(`${url}/api/messages`, { type: 'message', text, user, channel: 'webhook' });
  expect(r.status).toBe(200);
  return r.body as { text: string; meta?: Record<string, any> }[];
};

describe('kill -9 and restart', { timeout: 120_000 }, () => {
  it('resumes every conversation at its open question, keeps the ids valid, the tickets and the undelivered agent messages', async () => {
    const db = tempDb();
    const first = await startProcess({ BOT_DB: db, AGENT_TOKENS: `alice:${AGENTS.alice}` });
    children.push(first.child);
    const users = await Promise.all([0, 1, 2].map(async () => (await post(`${first.url}/api/session`, {})).body.user as string));
    // Three users stopped at three different questions.
    expect(metaOf(await say(first.url, users[0]!, 'd払いにログインできません')).ask).toBe('carrier');
    expect(metaOf(await say(first.url, users[1]!, 'ドコモ回線でログインできない')).ask).toBe('network');
    const ticket = metaOf(await say(first.url, users[2]!, '人と話したいです')).handoff as string;
    expect(ticket).toMatch(/^T-/);

    // An agent answers the user who asked for a person while that user is away: kept for later.
    const auth = authAs('alice');
    const sent = await post(`${first.url}/agent/api/tickets/${ticket}/messages`, { text: '担当の者です。戻られたらお返事ください' }, auth);
    expect(sent.body).toEqual({ ok: true, id: expect.any(Number), delivered: false });

    await kill(first.child);

    const second = await startProcess({ BOT_DB: db, AGENT_TOKENS: `alice:${AGENTS.alice}` });
    children.push(second.child);
    expect(metaOf(await say(second.url, users[0]!, 'ドコモです')).ask).toBe('network');
    expect(metaOf(await say(second.url, users[1]!, 'Wi-Fiです')).remedy).toBe('disable_wifi');
    const list = await fetch(`${second.url}/agent/api/tickets?status=claimed`, { headers: authAs('alice') });
    const { tickets } = (await list.json()) as { tickets: { id: string }[] };
    expect(tickets.map((t) => t.id)).toContain(ticket);
    const away = await fetch(`${second.url}/api/history?user=${encodeURIComponent(users[2]!)}`);
    const kept = (await away.json()) as { messages: { role: string; text: string }[] };
    expect(kept.messages.at(-1)).toMatchObject({ role: 'agent', text: '担当の者です。戻られたらお返事ください' });
    const history = await fetch(`${second.url}/api/history?user=${encodeURIComponent(users[0]!)}`);
    const { messages } = (await history.json()) as { messages: { role: string; text: string }[] };
    expect(messages.filter((m) => m.role === 'user').map((m) => m.text)).toEqual(['d払いにログインできません', 'ドコモです']);
  }, 120_000); // two servers started one after the other: seconds on a quiet machine, a minute on a busy one
});
