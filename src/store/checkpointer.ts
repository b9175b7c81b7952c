import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * What the thread runs: its own connection to the file, a PASSIVE checkpoint at
 * each tick (it never blocks the writer), and a RESTART checkpoint when asked
 * (the writer holds its batches meanwhile).
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = (mode) => {
  const [r] = db.pragma('wal_checkpoint(' + mode + ')');
  return { frames: r ? r.log : 0, copied: r ? r.checkpointed : 0, busy: r ? r.busy : 0 };
};
const tick = () => {
  try {
    let r = checkpoint('PASSIVE');
    // A long pass: copy what the writer committed meanwhile too, so that a restart asked now has little left to copy.
    if (r.copied > 256) r = checkpoint('PASSIVE');
    if (r.frames > 0) parentPort.postMessage({ type: 'checkpoint', frames: r.frames, copied: r.copied });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err && err.message || err) });
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'restart') {
    try {
      // The writer holds its batches meanwhile: wait little for a reader of another process on an old snapshot.
      db.pragma('busy_timeout = 100');
      const r = checkpoint('RESTART');
      db.pragma('busy_timeout = 1000');
      parentPort.postMessage({ type: 'restarted', ok: r.busy === 0 && r.frames === r.copied });
    } catch (err) {
      parentPort.postMessage({ type: 'restarted', ok: false, message: String(err && err.message || err) });
    }
  }
  if (m === 'stop') { clearInterval(timer); tick(); db.close(); parentPort.close(); }
});
`;

/** How long a writer holds its batches for a restart at most. */
const RESTART_TIMEOUT_MS = 5000;

export interface Checkpointer {
  /**
   * Copies every frame of the WAL into the database and has the next write start
   * the WAL again from its beginning. Only while no write transaction is open
   * or begins (the writer holds its batches until this resolves): resolves to
   * whether it did, in any case.
   */
  restart(): Promise<boolean>;
  /** Stops the thread after a last checkpoint; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Copies a WAL file's committed pages into the database from a thread of its
 * own, so that the writes and fsyncs of a checkpoint never stall the event
 * loop (the connection that writes turns has `wal_autocheckpoint = 0`). A
 * PASSIVE checkpoint runs beside the writer; once it has copied everything,
 * the writer starts the WAL again from its beginning, so the file stays small.
 * Under writes without a pause it never catches up (each pass misses what the
 * writer committed meanwhile): the writer then asks for `restart()` between
 * two batches. A failure is reported once through `onError`; SQLite itself
 * stays correct without checkpoints (the WAL only grows).
 */
export function startCheckpointer(
  file: string,
  everyMs: number,
  onError: (message: string) => void,
  /** After each checkpoint that found frames: how many the WAL held, and how many of them are now in the database. */
  onCheckpoint?: (frames: number, copied: number) => void,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { file, driver, everyMs }, resourceLimits: { maxOldGenerationSizeMb: 32 } });
  worker.unref(); // never keeps the process alive
  let reported = false;
  const report = (message: string) => {
    if (!reported) onError(message);
    reported = true;
  };
  /** Restarts asked for and not answered yet, oldest first (the thread answers in order). */
  const restarts: ((ok: boolean) => void)[] = [];
  let alive = true;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      alive = false;
      for (const done of restarts.splice(0)) done(false);
      resolve();
    }),
  );
  worker.on('message', (m: { type: string; message?: string; frames?: number; copied?: number; ok?: boolean }) => {
    if (m.type === 'error') report(m.message ?? 'checkpoint failed');
    else if (m.type === 'checkpoint') onCheckpoint?.(m.frames ?? 0, m.copied ?? 0);
    else if (m.type === 'restarted') {
      if (m.message) report(m.message);
      restarts.shift()?.(m.ok === true);
    }
  });
  worker.on('error', (err) => report(err.message));
  return {
    restart: () =>
      new Promise<boolean>((resolve) => {
        if (!alive) return resolve(false);
        // The thread waits at most 100 ms for a reader, then copies: an answer this late means it is stuck.
        const late = setTimeout(() => resolve(false), RESTART_TIMEOUT_MS);
        restarts.push((ok) => {
          clearTimeout(late);
          resolve(ok);
        });
        worker.postMessage('restart');
      }),
    stop: () => {
      worker.ref(); // the process waits for the last checkpoint
      worker.postMessage('stop');
      return exited;
    },
  };
}
