import { BotError } from './core/errors.js';
import type { Logger } from './log.js';
import type { Store } from './store/types.js';

/** A periodic job: its name (the lock several instances share) and what it does. */
export interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

/**
 * Runs periodic jobs (retention, the abandonment sweep) once at start and then
 * every `everyMs`, each on one instance at a time (`store.exclusive`), so
 * nothing is counted or deleted twice. A failing run is logged and tried
 * again at the next tick (a warning only while the database is down). Returns the function that stops them.
 */
export function schedule(jobs: Job[], store: Store, log: Logger): { first: Promise<void>; stop(): void } {
  const once = (job: Job) =>
    store.exclusive(job.name, job.run).then(
      () => undefined,
      (err: unknown) =>
        err instanceof BotError && err.code === 'unavailable'
          ? log.warn({ job: job.name }, 'periodic job skipped: the database is unavailable') // the store logged the outage
          : log.error({ err, job: job.name }, 'periodic job failed'),
    );
  const timers = jobs.map((job) => {
    const timer = setInterval(() => void once(job), job.everyMs);
    timer.unref();
    return timer;
  });
  return { first: Promise.all(jobs.map(once)).then(() => undefined), stop: () => timers.forEach((t) => clearInterval(t)) };
}
