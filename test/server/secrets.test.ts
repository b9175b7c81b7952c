/**
 * Secrets stay out of logs: the generated agent token is kept in the database
 * (every process on it shares it) and its sign-in URL is printed once, as a
 * plain line on stderr for the person starting the bot — never as a field of
 * the JSON log, which log shippers keep. With AGENT_TOKENS set, no token is
 * ever written.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, authAs, kill, startProcess, tempDb } from '../helpers/server.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** The JSON log lines and the other (plain) lines a process wrote on stderr. */
const split = (stderr: string) => {
  const lines = stderr.split('\n').filter(Boolean);
  return { json: lines.filter((l) => l.startsWith('{')), plain: lines.filter((l) => !l.startsWith('{')) };
};

describe('secrets', { timeout: 120_000 }, () => {
  it('prints the generated sign-in URL once as a plain line, never in the JSON log, and keeps the token in the database across restarts', async () => {
    const db = tempDb();
    const first = await startProcess({ BOT_DB: db, LOG_LEVEL: 'debug', AGENT_TOKENS: '' });
    children.push(first.child);
    await new Promise((r) => setTimeout(r, 300));
    const a = split(first.log());
    const signIn = a.plain.filter((l) => l.startsWith('Agent console: '));
    expect(signIn).toHaveLength(1);
    const token = /#token=([\w-]+)/.exec(signIn[0]!)![1]!;
    expect(a.json.join('\n')).not.toContain(token);
    const ok = await fetch(`${first.url}/agent/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await ok.json()).toEqual({ id: 'agent', name: 'agent', admin: true });
    await kill(first.child);

    const second = await startProcess({ BOT_DB: db, LOG_LEVEL: 'debug', AGENT_TOKENS: '' });
    children.push(second.child);
    expect((await fetch(`${second.url}/agent/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200); // the same token
  });

  it('with AGENT_TOKENS set, writes no token anywhere', async () => {
    const p = await startProcess({ BOT_DB: tempDb(), LOG_LEVEL: 'debug', AGENT_TOKENS: `alice:${AGENTS.alice}` });
    children.push(p.child);
    await fetch(`${p.url}/agent/api/me`, { headers: authAs('alice') });
    await new Promise((r) => setTimeout(r, 300));
    expect(p.log()).not.toContain(AGENTS.alice);
    expect(p.log()).not.toContain('#token=');
  });
});
