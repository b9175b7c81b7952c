/**
 * The load balancer of compose.yaml, as a process: Debian's nginx runs the
 * very config compose mounts (found through compose.yaml), with the bot
 * instances' host names and the listening port replaced by local ones, in
 * front of two instances on one PostgreSQL database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { fromRoot } from '../../src/core/paths.js';
import { post, startServer, tempDb } from '../helpers/server.js';
import { PG_URL, PG_SKIP_REASON, freshDatabase } from '../helpers/pg.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const skip = !NGINX ? 'nginx is not installed; .ci/run installs it' : !PG_URL ? PG_SKIP_REASON : undefined;

/** The nginx config compose.yaml mounts, for these upstream addresses and this port. */
function localNginxConfig(upstreams: string[], port: number): string {
  const compose = readFileSync(fromRoot('compose.yaml'), 'utf8');
  const mounted = /-\s*\.\/(\S+):\/etc\/nginx\/nginx\.conf/.exec(compose)?.[1];
  if (!mounted) throw new Error('compose.yaml mounts no /etc/nginx/nginx.conf');
  let conf = readFileSync(fromRoot(mounted), 'utf8');
  const servers = [...conf.matchAll(/^\s*server (\S+:\d+)/gm)].map((m) => m[1]!);
  if (servers.length !== upstreams.length) throw new Error(`the config has ${servers.length} upstream servers, the test ${upstreams.length}`);
  servers.forEach((s, i) => (conf = conf.replace(`server ${s}`, `server ${upstreams[i]}`)));
  if (!/^\s*listen \d+;/m.test(conf)) throw new Error('the config has no plain "listen PORT;"');
  return conf.replace(/^(\s*)listen \d+;/m, `$1listen 127.0.0.1:${port};`);
}

/** A free local port. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const turnsOf = async (url: string) => Number(/^dbarai_turns_total\{channel="web"\} (\d+)/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);

describe.skipIf(skip)(`nginx from compose.yaml in front of two instances${skip ? ` [SKIPPED: ${skip}]` : ''}`, () => {
  let drop: () => Promise<void>;
  let a: Awaited<ReturnType<typeof startServer>>;
  let b: Awaited<ReturnType<typeof startServer>>;
  let nginx: ChildProcess;
  let dir: string;
  let lb: string;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = () => db.drop();
    const env = { DATABASE_URL: db.url, BOT_DB: tempDb(), TRUST_PROXY: '1' };
    a = await startServer(env);
    b = await startServer(env);
    dir = mkdtempSync(join(tmpdir(), 'dbarai-nginx-'));
    const port = await freePort();
    writeFileSync(join(dir, 'nginx.conf'), localNginxConfig([new URL(a.url).host, new URL(b.url).host], port));
    nginx = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')};`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    lb = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${lb}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nginx did not answer: ${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`);
  }, 90_000);
  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await a?.stop();
    await b?.stop().catch(() => undefined);
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('spreads webhook conversations over both instances, passes websockets, and keeps serving when one instance stops', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, async () => (await post(`${lb}/api/session`, {})).body.user as string));
    for (const user of users) {
      const r = await post(`${lb}/api/messages`, { type: 'message', text: 'd払いにログインできません', user });
      expect(r.status).toBe(200);
    }
    expect(await turnsOf(a.url)).toBeGreaterThan(0);
    expect(await turnsOf(b.url)).toBeGreaterThan(0);

    // A widget's websocket through the load balancer: the upgrade passes, and the answer comes back on it.
    const ws = new WebSocket(`${lb.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(users[0]!)}`, { origin: lb });
    const frames: { type: string; meta?: { ask?: string } }[] = [];
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString())));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'message', text: 'ドコモです' }));
    for (let i = 0; i < 100 && !frames.some((f) => f.meta?.ask); i++) await new Promise((r) => setTimeout(r, 30));
    expect(frames.find((f) => f.meta?.ask)?.meta?.ask).toBe('network'); // the conversation went on, whichever instance took it
    ws.close();

    // A rolling restart: one instance goes away; every request still gets its answer.
    await b.stop();
    for (const user of users) expect((await post(`${lb}/api/messages`, { type: 'message', text: 'Wi-Fiです', user })).status).toBe(200);
  });
});
