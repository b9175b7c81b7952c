/**
 * The bot's real server for the bench, in its own process (forked by
 * `bench.ts`): `start(loadConfig(...))` on an ephemeral port with a temp
 * SQLite file (or PostgreSQL, as one of several instances) and silent logs. Reports its URL over IPC; stops on 'stop' or when
 * the bench goes away.
 */
import { loadConfig } from '../src/config.js';
import { start } from '../src/main.js';

const db = process.env.BENCH_DB;
if (!db || !process.send) {
  process.stderr.write('bench/server.ts is started by bench/main.ts\n');
  process.exit(2);
}

// A rate limiter, if the server has one, must not throttle the bench's own traffic.
const HIGH = '1000000';
// BENCH_DATABASE_URL: one of several instances on PostgreSQL; BENCH_PORT: a fixed port (restarted on it after a kill -9).
const running = await start(
  loadConfig({
    PORT: process.env.BENCH_PORT ?? '0',
    HOST: '127.0.0.1',
    BOT_DB: db,
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: HIGH,
    RATE_LIMIT_IP_PER_MINUTE: HIGH,
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
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
