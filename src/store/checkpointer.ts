import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the thread runs: its own connection to the file, a PASSIVE checkpoint at each tick (it never blocks the writer). */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log > 0) parentPort.postMessage({ type: 'checkpoint', frames: r.log, copied: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err && err.message || err) });
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); tick(); db.close(); parentPort.close(); }
});
`;

export interface Checkpointer {
  /** Stops the thread after a last checkpoint; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Copies a WAL file's committed pages into the database from a thread of its
 * own, so that the writes and fsyncs of a checkpoint never stall the event
 * loop (the connection that writes turns has `wal_autocheckpoint = 0`). A
 * PASSIVE checkpoint runs beside the writer; once it has copied everything,
 * the writer starts the WAL again from its beginning, so the file stays small.
 * A failure is reported once through `onError`; SQLite itself stays correct
 * without checkpoints (the WAL only grows).
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
  worker.on('message', (m: { type: string; message?: string; frames?: number; copied?: number }) => {
    if (m.type === 'error') report(m.message ?? 'checkpoint failed');
    else if (m.type === 'checkpoint') onCheckpoint?.(m.frames ?? 0, m.copied ?? 0);
  });
  worker.on('error', (err) => report(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: () => {
      worker.ref(); // the process waits for the last checkpoint
      worker.postMessage('stop');
      return exited;
    },
  };
}
