/**
 * The bot's real server for the bench (and the heap test), in its own
 * process: `start(loadConfig(...))` on an ephemeral port with a temp SQLite
 * file (or PostgreSQL, as one of several instances), silent logs and the
 * flood limits lifted (a stress test is not a user). Reports its URL over IPC;
 * on 'heap' it collects garbage (when started with --expose-gc) and reports
 * its heap; stops on 'stop' or when its parent goes away.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { loadConfig } from '../src/config.js';
import { start } from '../src/main.js';

const db = process.env.BENCH_DB;
if (!db || !process.send) {
  process.stderr.write('bench/server.ts is started by bench/main.ts\n');
  process.exit(2);
}

// The flood limits must not throttle the bench's own traffic: 0 turns them off.
// BENCH_DATABASE_URL: one of several instances on PostgreSQL; BENCH_PORT: a fixed port (restarted on it after a kill -9).
const running = await start(
  loadConfig({
    PORT: process.env.BENCH_PORT ?? '0',
    HOST: '127.0.0.1',
    BOT_DB: db,
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
  }),
);
process.send({ type: 'ready', url: running.url });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(1), 5000);
  await running.stop().catch(() => undefined);
  clearTimeout(timer);
  process.exit(0);
};
/** The heap after a full collection, in bytes (what stays reachable). */
const heap = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  // Compiled code (code space) grows while the JIT warms up, more slowly on a busy machine: it is not kept per conversation.
  const code = getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0;
  const { heapUsed, rss } = process.memoryUsage();
  return { type: 'heap', heapUsed, dataUsed: heapUsed - code, rss, collected: Boolean(gc) };
};
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'stop') void stop();
  if (m?.type === 'heap') process.send!(heap());
});
process.on('disconnect', () => void stop());
