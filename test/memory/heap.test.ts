/**
 * Nothing per conversation stays in process memory: the real server (in its
 * own process, with --expose-gc) sees one-message webhook conversations (a
 * new id each, 20 at a time): a warm-up (JIT, bounded caches), then N, a
 * forced collection and its heap, then 4N more and the heap again. If
 * anything kept a little per conversation (Botkit's memory storage, an
 * unbounded map), the heap would grow with the number of conversations.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/core/paths.js';
import { tempDb } from '../helpers/server.js';

interface Heap {
  /** The heap after a forced collection, without compiled code. */
  dataUsed: number;
  collected: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 20 });

/** A POST over keep-alive connections (lighter than fetch, so the test measures the server). */
function post(url: string, body: object): Promise<{ status: number; body: { user?: string } }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { user?: string } }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function conversations(url: string, n: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const one = async () => {
    const { body } = await post(`${url}/api/session`, {});
    const r = await post(`${url}/api/messages`, { type: 'message', text: 'd払いにログインできません', user: body.user });
    if (r.status !== 200) failed++;
  };
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next++ < n) await one();
    }),
  );
  return failed;
}

describe('memory', () => {
  it('the heap does not grow with the number of conversations', async () => {
    const child = fork(fromRoot('bench', 'server.ts'), [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, BENCH_DB: tempDb(), DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        child.on('message', (m: { type?: string; url?: string }) => m.type === 'ready' && resolve(m.url!));
      });
      const heap = () =>
        new Promise<Heap>((resolve) => {
          child.once('message', (m) => resolve(m as Heap));
          child.send({ type: 'heap' });
        });
      // 6,000 measured: a one-off allocation of a few hundred kB (JIT feedback, a late compilation) reads as
      // under 0.5 MB per 10,000, where 2,000 measured read it as up to 1 MB (and failed once in CI, under load).
      const N = 1500;
      expect(await conversations(url, 3000)).toBe(0); // warm-up: JIT (code space grows for the first few thousand), statements, bounded caches
      expect(await conversations(url, N)).toBe(0);
      const before = await heap();
      expect(before.collected).toBe(true);
      expect(await conversations(url, 4 * N)).toBe(0);
      const after = await heap();
      const perTenThousand = ((after.dataUsed - before.dataUsed) / (4 * N)) * 10_000;
      expect(perTenThousand, `heap grew ${(perTenThousand / 1e6).toFixed(2)} MB per 10,000 conversations`).toBeLessThan(1_000_000);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
