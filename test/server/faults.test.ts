import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { ROOT } from '../../src/core/paths.js';
import { loadConfig } from '../../src/config.js';
import { start } from '../../src/main.js';
import { AGENTS, authAs, kill, post, startProcess, tempDb } from '../helpers/server.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

const SCRIPT = [
  'd払いにログインできません',
  'ドコモです',
  'Wi-Fiです',
  'だめでした',
  '最新です',
  'だめでした',
  'だめでした',
  'はい',
  'まだですか',
  'よろしくお願いします',
];

describe('faults', { timeout: 120_000 }, () => {
  it('kill -9 under load loses no acknowledged message, state or ticket', async () => {
    const db = tempDb();
    const env = { BOT_DB: db, AGENT_TOKENS: `alice:${AGENTS.alice}`, LOG_LEVEL: 'silent' };
    const first = await startProcess({ ...env, LOG_LEVEL: 'info' });
    children.push(first.child);
    const USERS = 20;
    const users = await Promise.all(Array.from({ length: USERS }, async () => (await post(`${first.url}/api/session`, {})).body.user as string));
    const acked = new Map<string, string[]>(users.map((u) => [u, []]));
    const tickets = new Set<string>();
    let killed = false;
    const talk = async (user: string, offset: number) => {
      for (let i = 0; i < SCRIPT.length && !killed; i++) {
        const text = SCRIPT[(i + offset) % SCRIPT.length]!;
        try {
          const r = await post(`${first.url}/api/messages`, { type: 'message', text, user });
          if (r.status !== 200) continue;
          acked.get(user)!.push(text);
          for (const reply of r.body as { meta?: { handoff?: string } }[]) if (reply.meta?.handoff) tickets.add(reply.meta.handoff);
        } catch {
          return; // the server died under this request: not acknowledged
        }
      }
    };
    const load = Promise.all(users.map((u, i) => talk(u, i % 3 === 0 ? 0 : i)));
    // Kill it mid-load: once a few dozen messages were acknowledged (however fast this machine is today).
    const acknowledged = () => [...acked.values()].reduce((n, a) => n + a.length, 0);
    for (let waited = 0; acknowledged() < 40 && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    await kill(first.child);
    await load;
    const total = [...acked.values()].reduce((n, a) => n + a.length, 0);
    expect(total).toBeGreaterThan(0);

    const second = await startProcess({ ...env, LOG_LEVEL: 'info' });
    children.push(second.child);
    for (const user of users) {
      const history = (await (await fetch(`${second.url}/api/history?user=${encodeURIComponent(user)}`)).json()) as {
        messages: { role: string; text: string }[];
      };
      const said = history.messages.filter((m) => m.role === 'user').map((m) => m.text);
      // Every acknowledged message is there, in order (one more may be there: saved, but its answer never left).
      expect(said.slice(0, acked.get(user)!.length)).toEqual(acked.get(user));
      expect(said.length - acked.get(user)!.length).toBeLessThanOrEqual(1);
      // And the conversation goes on from its saved state.
      expect((await post(`${second.url}/api/messages`, { type: 'message', text: 'こんにちは', user })).status).toBe(200);
    }
    const list = (await (await fetch(`${second.url}/agent/api/tickets`, { headers: authAs('alice') })).json()) as {
      tickets: { id: string }[];
    };
    for (const t of tickets) expect(list.tickets.map((x) => x.id)).toContain(t);
  }, 120_000); // two servers started one after the other: seconds on a quiet machine, a minute on a busy one

  it('kill -9 while a batch is open: nothing that was answered is lost, and nothing that was lost was answered', async () => {
    const db = tempDb();
    const env = { BOT_DB: db, LOG_LEVEL: 'info', TEST_BATCH_HOLD_MS: '1500' };
    const first = await startProcess(env);
    children.push(first.child);
    const [a, b, c] = await Promise.all([0, 1, 2].map(async () => (await post(`${first.url}/api/session`, {})).body.user as string));
    // A's batch commits after the hold: acknowledged.
    const acked = await post(`${first.url}/api/messages`, { type: 'message', text: 'd払いにログインできません', user: a });
    expect(acked.status).toBe(200);
    // B and C arrive together; their batch is held open when the process dies.
    const answered: string[] = [];
    const pending = [b, c].map((user) =>
      post(`${first.url}/api/messages`, { type: 'message', text: 'ドコモ回線でログインできない', user }).then(
        () => answered.push(user!),
        () => undefined, // the connection died: no answer
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    await kill(first.child);
    await Promise.all(pending);
    expect(answered).toEqual([]);

    const second = await startProcess({ BOT_DB: db, LOG_LEVEL: 'info' });
    children.push(second.child);
    const said = async (user: string) =>
      ((await (await fetch(`${second.url}/api/history?user=${encodeURIComponent(user)}`)).json()) as { messages: { role: string; text: string }[] }).messages
        .filter((m) => m.role === 'user')
        .map((m) => m.text);
    expect(await said(a!)).toEqual(['d払いにログインできません']);
    expect(await said(b!)).toEqual([]); // lost with the open batch, and never answered
    expect(await said(c!)).toEqual([]);
  });

  it('shuts down cleanly on SIGTERM and leaves a sound database', async () => {
    const db = tempDb();
    const { url, child } = await startProcess({ BOT_DB: db, LOG_LEVEL: 'info' });
    children.push(child);
    const user = (await post(`${url}/api/session`, {})).body.user as string;
    expect((await post(`${url}/api/messages`, { type: 'message', text: 'd払いにログインできない', user })).status).toBe(200);
    expect(await kill(child, 'SIGTERM')).toBe(0);
    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((raw.prepare('SELECT COUNT(*) AS n FROM transcript').get() as { n: number }).n).toBeGreaterThan(1);
    raw.close();
  });

  it('waits out a locked database instead of failing the turn', async () => {
    const db = tempDb();
    const server = await start(loadConfig({ PORT: '0', BOT_DB: db, LOG_LEVEL: 'silent' }));
    try {
      const user = (await post(`${server.url}/api/session`, {})).body.user as string;
      // Another process holds the write lock for 0.6 s (a backup, a migration, a second bot).
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});d.exec('BEGIN IMMEDIATE');console.log('locked');setTimeout(()=>{d.exec('COMMIT');d.close()},600)`,
        ],
        { cwd: ROOT },
      );
      await new Promise((r) => holder.stdout.once('data', r));
      const started = Date.now();
      const r = await post(`${server.url}/api/messages`, { type: 'message', text: 'd払いにログインできない', user });
      expect(Date.now() - started).toBeGreaterThan(300); // it waited…
      expect(r.status).toBe(200); // …and answered normally
      expect((r.body as { meta?: { ask?: string } }[]).some((x) => x.meta?.ask === 'carrier')).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('keeps the web channel and hand-offs working while the Slack API is down', async () => {
    const server = await start(
      loadConfig({
        PORT: '0',
        BOT_DB: tempDb(),
        LOG_LEVEL: 'silent',
        AGENT_TOKENS: `alice:${AGENTS.alice}`,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        SLACK_API_URL: 'http://127.0.0.1:9/api/', // nothing listens there
        SLACK_AGENT_CHANNEL: 'C0AGENTS',
      }),
    );
    try {
      const user = (await post(`${server.url}/api/session`, {})).body.user as string;
      const say = (text: string) => post(`${server.url}/api/messages`, { type: 'message', text, user });
      const opened = await say('オペレーターと話したい');
      expect(opened.status).toBe(200);
      const ticket = (opened.body as { meta?: { handoff?: string } }[]).find((r) => r.meta?.handoff)?.meta?.handoff;
      expect(ticket).toMatch(/^T-/);
      const reply = await post(`${server.url}/agent/api/tickets/${ticket}/messages`, { text: 'お待たせしました' }, authAs('alice'));
      expect(reply.status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
