import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { limiter } from '../src/ratelimit.js';

/** `n` takes of `key`, one after the other. */
const takes = async (l: ReturnType<typeof limiter>, key: string, n: number) => {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) waits.push(await l.take(key));
  return waits;
};

describe('limiter', () => {
  it('lets a burst of half a minute’s allowance through, then says how many seconds to wait', async () => {
    const l = limiter(10); // 5 per half-minute window
    const waits = await takes(l, 'u1', 7);
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    for (const w of waits.slice(5)) {
      expect(w).toBeGreaterThanOrEqual(1);
      expect(w).toBeLessThanOrEqual(30);
    }
  });

  it('counts each key on its own', async () => {
    const l = limiter(2); // 1 per window
    expect(await takes(l, 'u1', 2)).toEqual([0, expect.any(Number)]);
    expect(await l.take('u2')).toBe(0);
    expect(await l.take('u1')).toBeGreaterThan(0);
  });

  it('asks its store for half the minute’s allowance (at least 1) per 30-second window', () => {
    const asked: [number, number][] = [];
    const make = (points: number, duration: number): RateLimiterAbstract => {
      asked.push([points, duration]);
      return new RateLimiterMemory({ points, duration });
    };
    limiter(120, make);
    limiter(1, make);
    limiter(7, make);
    expect(asked).toEqual([
      [60, 30],
      [1, 30],
      [3, 30],
    ]);
  });

  it('lets requests through again once the window is over', async () => {
    const l = limiter(4, (points) => new RateLimiterMemory({ points, duration: 1 })); // windows of one second here
    expect((await takes(l, 'u1', 3)).map((w) => w > 0)).toEqual([false, false, true]);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await l.take('u1')).toBe(0);
  });

  it.each([0, -5])('is off with a limit of %i: every request goes through and no store is made', async (perMinute) => {
    let made = 0;
    const l = limiter(perMinute, (points, duration) => {
      made++;
      return new RateLimiterMemory({ points, duration });
    });
    expect(await takes(l, 'u1', 50)).toEqual(Array.from({ length: 50 }, () => 0));
    expect(made).toBe(0);
  });

  it('passes on a failure of its store instead of counting it as a limit', async () => {
    const broken = { consume: () => Promise.reject(new Error('database down')) } as unknown as RateLimiterAbstract;
    await expect(limiter(10, () => broken).take('u1')).rejects.toThrow('database down');
  });
});
