/**
 * Presence over a stand-in for the cluster tables (the real ones, on
 * PostgreSQL, are in test/pgbus.test.ts and test/server/cluster.test.ts):
 * what it writes, in which order, what it reads, and how it fails.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../src/log.js';
import { Presence } from '../src/presence.js';
import type { ClusterRepo } from '../src/store/repos/cluster.js';

/** A cluster repository that records its calls; `fail` makes writes reject, `slow` delays them. */
function cluster(o: { fail?: () => boolean; slowMs?: number; held?: (conversationId: string, aliveSince: number) => Promise<boolean> } = {}) {
  const calls: string[] = [];
  const write = (call: string) => async () => {
    if (o.slowMs) await new Promise((r) => setTimeout(r, o.slowMs));
    if (o.fail?.()) throw new Error('database down');
    calls.push(call);
  };
  const repo = {
    beat: (instance: string) => write(`beat ${instance}`)(),
    socketOpened: (socket: string, instance: string, conversationId: string) => write(`opened ${conversationId} on ${instance}`)(),
    socketClosed: (socket: string) => write(`closed ${socket.length}`)(),
    held: o.held ?? (() => Promise.resolve(true)),
    sweep: (before: number) => Promise.resolve(void calls.push(`sweep ${before}`)).then(() => 0),
  };
  return { repo: repo as unknown as ClusterRepo, calls };
}

const logger = () => {
  const warn = vi.fn();
  return { log: { warn } as unknown as Logger, warn };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('Presence', () => {
  it('records sockets opened and closed in order, without holding up the caller, and `stop` waits for them', async () => {
    const { repo, calls } = cluster({ slowMs: 5 });
    const p = new Presence(repo, 'A', logger().log);
    const socket = p.opened('w_user');
    p.closed(socket);
    expect(calls).toEqual([]); // nothing written yet: the socket did not wait
    await p.stop();
    expect(calls).toEqual(['opened w_user on A', 'closed 36']); // a UUID key
  });

  it('beats at start and every 5 seconds until stopped', async () => {
    vi.useFakeTimers();
    const { repo, calls } = cluster();
    const p = new Presence(repo, 'B', logger().log);
    await p.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls).toEqual(['beat B', 'beat B', 'beat B', 'beat B']);
    await p.stop();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls).toHaveLength(4);
  });

  it('asks whether a live instance holds the user, counting instances heard from in the last 15 s', async () => {
    const asked: number[] = [];
    const { repo } = cluster({
      held: (_conversation, aliveSince) => {
        asked.push(aliveSince);
        return Promise.resolve(true);
      },
    });
    const before = Date.now();
    expect(await new Presence(repo, 'A', logger().log).held('w_user')).toBe(true);
    expect(asked[0]! - (before - 15_000)).toBeGreaterThanOrEqual(0);
    expect(asked[0]! - (Date.now() - 15_000)).toBeLessThanOrEqual(0);
  });

  it('says nobody holds the user when the database cannot tell', async () => {
    const { repo } = cluster({ held: () => Promise.reject(new Error('database down')) });
    expect(await new Presence(repo, 'A', logger().log).held('w_user')).toBe(false);
  });

  it('sweeps instances gone for a minute', async () => {
    const { repo, calls } = cluster();
    const before = Date.now();
    await new Presence(repo, 'A', logger().log).sweep();
    const at = Number(calls[0]!.split(' ')[1]);
    expect(at).toBeGreaterThanOrEqual(before - 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() - 60_000);
  });

  it('logs failing writes once, goes on writing, and logs again after a success', async () => {
    let failing = true;
    const { repo, calls } = cluster({ fail: () => failing });
    const { log, warn } = logger();
    const p = new Presence(repo, 'A', log);
    p.opened('w_1');
    p.opened('w_2');
    await p.stop();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ err: 'database down' }, 'presence: could not record a socket or a heartbeat');
    failing = false;
    p.opened('w_3');
    await p.stop();
    expect(calls).toEqual(['opened w_3 on A']);
    failing = true;
    p.opened('w_4');
    await p.stop();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
