/**
 * PostgreSQL stopped under a running bot, then started again. The test runs
 * a cluster of its own (initdb in a temporary folder, its own port, as the
 * `postgres` user), never the one other test files share. Skipped, saying
 * why, where PostgreSQL's server programs or the `postgres` user are missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { AGENTS, kill, post, startProcess, tempDb } from '../helpers/server.js';

const PORT = 54341;

/** PostgreSQL's server programs: on the PATH, or Debian's newest /usr/lib/postgresql/<version>/bin. */
function serverBin(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')));
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((x, y) => Number(y) - Number(x)) : [];
  return versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
}

/** Why the test cannot run here, or undefined. */
function missing(): string | undefined {
  if (!serverBin()) return 'PostgreSQL server programs (initdb, pg_ctl) not found; .ci/run installs them';
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    if (process.getuid?.() !== 0) return 'not root: cannot run a cluster as the postgres user';
  } catch {
    return 'no postgres user to run a private cluster as';
  }
  return undefined;
}
const skip = missing();

/** Runs one of PostgreSQL's programs as the postgres user. */
const asPostgres = (program: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', join(serverBin()!, program), ...args], { stdio: 'pipe', timeout: 60_000 });

describe.skipIf(skip)(`the bot while PostgreSQL stops and starts again${skip ? ` [SKIPPED: ${skip}]` : ''}`, () => {
  let dir: string;
  const pgctl = (action: 'start' | 'stop') =>
    action === 'start'
      ? asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1`, 'start'])
      : asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dbarai-pg-'));
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    pgctl('start');
  }, 60_000);
  afterAll(() => {
    if (!dir) return;
    try {
      pgctl('stop');
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the database is down, and serves again once it is back, without a restart', async () => {
    const bot = await startProcess({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${PORT}/postgres`,
      BOT_DB: tempDb(),
      AGENT_TOKENS: `alice:${AGENTS.alice}`,
    });
    try {
      const user = (await post(`${bot.url}/api/session`, {})).body.user as string;
      const say = (text: string) => post(`${bot.url}/api/messages`, { type: 'message', text, user });
      expect((await say('d払いにログインできません')).status).toBe(200);
      const ws = new WebSocket(`${bot.url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(user)}`);
      const frames: any[] = [];
      ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString())));
      await new Promise((resolve) => ws.once('open', resolve));

      pgctl('stop');
      const down = await say('ドコモです');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body).toMatchObject({ error: 'unavailable' });
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(503); // not ready: take it out of the load balancer
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200); // but alive: do not restart it
      ws.send(JSON.stringify({ type: 'message', text: 'ドコモです' }));
      const start = Date.now();
      while (!frames.some((f) => f.type === 'error') && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
      expect(
        frames.find((f) => f.type === 'error'),
        JSON.stringify(frames) + bot.log().slice(-3000),
      ).toMatchObject({ error: 'unavailable', retryAfter: 5 }); // the widget shows its polite notice

      pgctl('start');
      let back = await say('ドコモです');
      for (let i = 0; back.status !== 200 && i < 40; i++) {
        await new Promise((r) => setTimeout(r, 250));
        back = await say('ドコモです');
      }
      expect(back.status).toBe(200);
      expect(back.body.some((r: { meta?: { ask?: string } }) => r.meta?.ask === 'network')).toBe(true); // the conversation goes on where it was
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
      expect(bot.child.exitCode).toBeNull(); // the same process all along
      ws.close();
      // Its listening connection came back too (the bus of several instances).
      const end = Date.now() + 8000;
      while (!bot.log().includes('bus: listening again') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(bot.log()).toContain('bus: listening again');
      expect(bot.log()).not.toMatch(/"level":(50|60)/); // nothing logged as an error or fatal
    } finally {
      await kill(bot.child);
    }
  }, 90_000); // a few seconds on a quiet machine; room for a busy one
});
