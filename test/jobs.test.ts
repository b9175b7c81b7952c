import { afterEach, describe, expect, it, vi } from 'vitest';
import { BotError } from '../src/core/errors.js';
import { schedule, type Job } from '../src/jobs.js';
import type { Logger } from '../src/log.js';
import type { Store } from '../src/store/types.js';

/** A store whose `exclusive` runs the job unless `held` names it (another instance has it), recording the lock names. */
function store(held = new Set<string>()) {
  const locks: string[] = [];
  const s = {
    exclusive: async (name: string, fn: () => Promise<void>) => {
      locks.push(name);
      if (held.has(name)) return false;
      await fn();
      return true;
    },
  };
  return { store: s as unknown as Store, locks };
}

const logger = () => {
  const log = { warn: vi.fn(), error: vi.fn() };
  return { log: log as unknown as Logger, ...log };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('schedule', () => {
  it('runs every job once at start, under its own lock, and `first` resolves once they ran', async () => {
    const ran: string[] = [];
    const jobs: Job[] = ['retention', 'abandoned'].map((name) => ({ name, everyMs: 60_000, run: () => Promise.resolve(void ran.push(name)) }));
    const { store: s, locks } = store();
    const { log } = logger();
    const running = schedule(jobs, s, log);
    await running.first;
    running.stop();
    expect(ran.sort()).toEqual(['abandoned', 'retention']);
    expect(locks.sort()).toEqual(['abandoned', 'retention']);
  });

  it('runs each job again every `everyMs`, until stopped', async () => {
    vi.useFakeTimers();
    let fast = 0;
    let slow = 0;
    const { store: s } = store();
    const running = schedule(
      [
        { name: 'fast', everyMs: 1000, run: () => Promise.resolve(void fast++) },
        { name: 'slow', everyMs: 5000, run: () => Promise.resolve(void slow++) },
      ],
      s,
      logger().log,
    );
    await running.first;
    await vi.advanceTimersByTimeAsync(5000);
    expect([fast, slow]).toEqual([6, 2]);
    running.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect([fast, slow]).toEqual([6, 2]);
  });

  it('leaves a job another instance holds to it', async () => {
    let runs = 0;
    const { store: s, locks } = store(new Set(['retention']));
    const running = schedule([{ name: 'retention', everyMs: 60_000, run: () => Promise.resolve(void runs++) }], s, logger().log);
    await running.first;
    running.stop();
    expect(locks).toEqual(['retention']);
    expect(runs).toBe(0);
  });

  it('logs a failed run as an error, and tries again at the next tick', async () => {
    vi.useFakeTimers();
    const crash = new Error('disk full');
    let calls = 0;
    const { log, error, warn } = logger();
    const running = schedule(
      [{ name: 'retention', everyMs: 1000, run: () => (++calls === 1 ? Promise.reject(crash) : Promise.resolve()) }],
      store().store,
      log,
    );
    await running.first; // a failure does not reject `first`
    expect(error).toHaveBeenCalledWith({ err: crash, job: 'retention' }, 'periodic job failed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(error).toHaveBeenCalledTimes(1);
    expect(warn).not.toHaveBeenCalled();
    running.stop();
  });

  it('only warns when a run failed because the database is unavailable', async () => {
    const { log, error, warn } = logger();
    const running = schedule(
      [{ name: 'sweep', everyMs: 60_000, run: () => Promise.reject(new BotError('unavailable', 'the database is unavailable')) }],
      store().store,
      log,
    );
    await running.first;
    running.stop();
    expect(warn).toHaveBeenCalledWith({ job: 'sweep' }, 'periodic job skipped: the database is unavailable');
    expect(error).not.toHaveBeenCalled();
  });
});
