/**
 * `npm run bench`: how fast and how lean the bot is, beside its yardsticks, in
 * about four minutes on two cores. Progress goes to stderr; one table goes
 * to stdout at the end. The flood limits are lifted in the servers it starts
 * (a stress test is not a user).
 *
 * 1. NLU: classifications per second of `Nlu.understand` (whole pipeline) and
 *    of nlp.js trained on the same examples, on ~2,000 perturbed training
 *    examples; training time of each.
 * 2. Dialog: turns per second through `Bot.handle` with SQLite persistence.
 * 3. HTTP, against the real server (`start(loadConfig(...))`) in a child
 *    process, with the load generator in another (bench/load.ts):
 *    a. 200 webhook users at one message a second each, three runs;
 *    b. 50 webhook users without pause, beside a bare node:http server
 *       (bench/bare.ts, its own process) measured the same way;
 *    c. 200 websocket users × 20 messages: lost, duplicated, out of order.
 *    d. kill -9 of the server under load, restarted on the same file:
 *       acknowledged messages lost (must be 0).
 * 4. Memory: the server's RSS idle and after the load; heap growth per
 *    10,000 one-message conversations after a forced GC; RSS from outside
 *    over 30,000 conversations after the first 10,000 (the least-squares
 *    line through a reading every 2,500, and the last minus the first).
 * 5. Two instances on PostgreSQL (DATABASE_URL; a fresh database when the
 *    role may create one), beside one instance on SQLite (3a, 3b, 3d):
 *    a. 200 webhook users at one message a second, spread over both;
 *    b. 50 users without pause, spread over both;
 *    c. kill -9 of one instance under load, users going on with the other:
 *       acknowledged messages lost (must be 0).
 *    Reported, no target. Without a reachable PostgreSQL these rows say why
 *    they were skipped.
 *
 * All traffic goes to 127.0.0.1; every run is bounded in count and time.
 * Exit code 0 when it ran (targets met or not), 1 when it could not run.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrainingData } from '../src/nlu/training.js';
import { fromRoot } from '../src/core/paths.js';
import { benchNlu, type NluBench } from './nlu.js';
import { benchDialog, type DialogBench } from './dialog.js';
import {
  cpuMsOf,
  machineBusyMs,
  memoryOf,
  selfAndReapedCpuMs,
  sleep,
  type ConversationsResult,
  type FailoverResult,
  type FloodResult,
  type FromLoad,
  type LoadResult,
  type LoadTask,
  type PacedResult,
  type PairResult,
  type WsResult,
} from './common.js';

const began = performance.now();
const progress = (s: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1).padStart(5)}s] ${s}\n`);

const children = new Set<ChildProcess>();
const { DATABASE_URL: _own, ...inherited } = process.env; // a server child uses PostgreSQL only when told (BENCH_DATABASE_URL)
// MALLOC_ARENA_MAX as `npm start` sets it (package.json): glibc then keeps two malloc arenas instead of one per thread.
const CHILD_ENV = {
  ...inherited,
  DOTENV_CONFIG_QUIET: 'true',
  MALLOC_ARENA_MAX: '2',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_IP_PER_MINUTE: '1000000',
};

/**
 * 3b in turns: the machine's speed drifts from minute to minute (the bare server alone has answered anywhere
 * from 9,000 to 17,000 requests a second here), so the bot and the bare server take turns, in rounds short
 * enough that both see the same drift: 4 × (1 s + 3 s) each, 12 measured seconds a side.
 */
const PAIR = { rounds: 4, roundSeconds: 3, warmupSeconds: 1 };

/** Forks one of the bench's TypeScript helpers (run with tsx, like the bench itself). */
function forkHelper(name: string, env: Record<string, string | undefined> = {}): ChildProcess {
  const child = fork(fromRoot('bench', name), [], {
    cwd: fromRoot(),
    execArgv: ['--import', 'tsx'],
    env: { ...CHILD_ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Forks the bot's server as `npm start` runs it: compiled JavaScript (built at
 * the bench's start), not through tsx, so memory and speed are the product's.
 */
/** The heap limit `npm start` gives the server (package.json): V8 then lets less garbage pile up between full GCs. */
const SERVER_FLAGS = ['--max-old-space-size=512'];

function forkServer(env: Record<string, string | undefined>, flags: string[] = []): ChildProcess {
  const child = fork(fromRoot('dist', 'bench', 'server.js'), [], {
    cwd: fromRoot(),
    execArgv: [...SERVER_FLAGS, ...flags],
    env: { ...CHILD_ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Waits for a child's {type:'ready', url}. */
function ready(child: ChildProcess, what: string, ms = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms / 1000} s`)), ms);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it was ready`)));
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m?.type === 'ready' && m.url) {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
  await exited;
  clearTimeout(timer);
}

/** The load generator: one task at a time. */
class LoadGenerator {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(r: LoadResult): void; reject(e: Error): void; sending?: () => void }>();
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromLoad) => {
      if (m.type === 'progress') return progress(m.text);
      if (m.type === 'sending') return this.waiting.get(m.id)?.sending?.();
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.type === 'result') w.resolve(m.result);
      else w.reject(new Error(`load generator: ${m.error}`));
    });
    child.once('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`load generator exited with ${code}`));
      this.waiting.clear();
    });
  }
  /**
   * A failover run: resolves `sending` once its users send (the time to kill an instance is counted
   * from then), and `result` at the end. A run that fails early settles both.
   */
  runUntilKill(task: Extract<LoadTask, { kind: 'failover' }>, timeoutMs: number): { sending: Promise<void>; result: Promise<FailoverResult> } {
    let sending!: () => void;
    const started = new Promise<void>((resolve) => (sending = resolve));
    const result = this.run<FailoverResult>(task, timeoutMs, sending);
    return { sending: Promise.race([started, result.then(() => undefined)]), result };
  }

  run<T extends LoadResult>(task: LoadTask, timeoutMs: number, sending?: () => void): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${task.kind} run did not finish within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
        sending,
      });
      this.child.send({ type: 'task', id, task });
    });
  }
}

/** The server's own turn timing from /metrics (sum and count of Bot.handle seconds), when it serves one. */
async function turnSeconds(url: string): Promise<{ sum: number; count: number } | undefined> {
  try {
    const res = await fetch(`${url}/metrics`);
    if (res.status !== 200) return undefined;
    const text = await res.text();
    const sum = Number(/^dbarai_turn_seconds_sum (\S+)$/m.exec(text)?.[1]);
    const count = Number(/^dbarai_turn_seconds_count (\S+)$/m.exec(text)?.[1]);
    return Number.isFinite(sum) && Number.isFinite(count) ? { sum, count } : undefined;
  } catch {
    return undefined;
  }
}

interface HttpBench {
  /** Three consecutive runs of 200 paced users. */
  paced: PacedResult[];
  flood: FloodResult;
  bare: FloodResult;
  /** Requests per second of each round of b, the bot's and the bare server's. */
  floodRounds: PairResult['rounds'];
  ws: WsResult;
  /** Server CPU time (ms) during each run. */
  serverCpu: { paced: number; flood: number; ws: number; bare: number };
  /** Mean time inside Bot.handle per turn (ms) during each run, from the server's /metrics; NaN without it. */
  turnMs: { paced: number; flood: number; ws: number };
  rssIdleKb: number;
  rssAfterKb: number;
  rssPeakKb: number;
}

async function benchHttp(): Promise<HttpBench> {
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-http-'));
  try {
    progress('HTTP: starting the server (child process, temp SQLite, LOG_LEVEL=silent)');
    const server = forkServer({ BENCH_DB: join(dir, 'bot.sqlite') });
    const url = await ready(server, 'the server');
    const pid = server.pid!;
    await sleep(1500);
    const idle = memoryOf(pid);
    progress(`HTTP: server at ${url} (pid ${pid}), idle RSS ${idle ? Math.round(idle.rssKb / 1024) : '?'} MB`);

    const load = new LoadGenerator(forkHelper('load.ts'));
    let cpu = cpuMsOf(pid);
    const cpuSince = () => {
      const now = cpuMsOf(pid);
      const used = now - cpu;
      cpu = now;
      return used;
    };
    let turns = await turnSeconds(url);
    const turnMsSince = async () => {
      const now = await turnSeconds(url);
      const mean = now && turns && now.count > turns.count ? ((now.sum - turns.sum) * 1000) / (now.count - turns.count) : NaN;
      turns = now;
      return mean;
    };

    const paced: PacedResult[] = [];
    for (let run = 1; run <= 3; run++) {
      progress(`HTTP a (run ${run} of 3): 200 webhook users, one message a second each, 15 s`);
      paced.push(await load.run<PacedResult>({ kind: 'paced', url, users: 200, seconds: 15 }, 60_000));
    }
    const pacedCpu = cpuSince() / 3;
    const pacedTurn = await turnMsSince();

    progress(
      `HTTP b: 50 webhook users without pause, in turns with a bare node:http server: ${PAIR.rounds} rounds of ${PAIR.warmupSeconds} s warm-up + ${PAIR.roundSeconds} s each`,
    );
    const bareChild = forkHelper('bare.ts');
    const bareUrl = await ready(bareChild, 'the bare server');
    cpuSince();
    await turnMsSince();
    let bareCpu = cpuMsOf(bareChild.pid!);
    const pair = await load.run<PairResult>({ kind: 'pair', url, bareUrl, users: 50, ...PAIR }, 120_000);
    const floodCpu = cpuSince();
    const floodTurn = await turnMsSince();
    bareCpu = cpuMsOf(bareChild.pid!) - bareCpu;
    await stopChild(bareChild);

    cpuSince();
    await turnMsSince();
    progress('HTTP c: 200 websocket users × 20 messages');
    const ws = await load.run<WsResult>({ kind: 'ws', url, users: 200, messages: 20, replyTimeoutMs: 10_000, settleMs: 25 }, 90_000);
    const wsCpu = cpuSince();
    const wsTurn = await turnMsSince();

    await sleep(500);
    const after = memoryOf(pid);
    load.child.send({ type: 'exit' });
    await stopChild(server);
    return {
      paced,
      flood: pair.bot,
      bare: pair.bare,
      floodRounds: pair.rounds,
      ws,
      serverCpu: { paced: pacedCpu, flood: floodCpu, ws: wsCpu, bare: bareCpu },
      turnMs: { paced: pacedTurn, flood: floodTurn, ws: wsTurn },
      rssIdleKb: idle?.rssKb ?? NaN,
      rssAfterKb: after?.rssKb ?? NaN,
      rssPeakKb: after?.peakKb ?? NaN,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface MemoryBench {
  heapBefore: number;
  heapAfter: number;
  heapConversations: number;
  heapGrowthPer10k: number;
  heapFailed: number;
  rssIdleKb: number;
  rssAt10kKb: number;
  rssAt40kKb: number;
  /** Last reading minus the one after the first 10,000. */
  rssGrowthKb: number;
  /** Growth over the 30,000 by the least-squares line through the readings. */
  rssTrendKb: number;
  rssSamples: number;
  rssFailed: number;
  /** One-message conversations a second during the RSS run. */
  rate: number;
}

/** RSS readings over the 30,000 conversations of 4b: one after every 2,500. */
const RSS_STEPS = 12;

/** The least-squares slope of `kb` over `at`. */
function slope(points: { at: number; kb: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.at, 0) / n;
  const my = points.reduce((a, p) => a + p.kb, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.at - mx) * (p.kb - my), 0);
  const sxx = points.reduce((a, p) => a + (p.at - mx) ** 2, 0);
  return sxy / sxx;
}

/**
 * Memory per conversation, two ways. Inside: a server started with
 * --expose-gc sees 3,000 one-message conversations (warm-up: JIT, bounded
 * caches), reports its heap after a forced GC, sees 10,000 more, and reports
 * it again. From outside: a fresh server's RSS (read from /proc) after
 * 10,000 conversations and after every 2,500 of 30,000 more (a new id each,
 * 20 at a time).
 */
async function benchMemory(): Promise<MemoryBench> {
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-memory-'));
  const load = new LoadGenerator(forkHelper('load.ts'));
  const run = (url: string, count: number) => load.run<ConversationsResult>({ kind: 'conversations', url, count, concurrency: 20 }, 300_000);
  try {
    progress('Memory a: heap per 10,000 conversations (server with --expose-gc)');
    const gcServer = forkServer({ BENCH_DB: join(dir, 'heap.sqlite') }, ['--expose-gc']);
    const gcUrl = await ready(gcServer, 'the server');
    const heap = () =>
      new Promise<number>((resolve) => {
        gcServer.once('message', (m: { dataUsed: number }) => resolve(m.dataUsed));
        gcServer.send({ type: 'heap' });
      });
    const warm = await run(gcUrl, 3000);
    const heapBefore = await heap();
    const measured = await run(gcUrl, 10_000);
    const heapAfter = await heap();
    await stopChild(gcServer);

    progress('Memory b: RSS from outside over 10,000 + 30,000 conversations (a fresh server)');
    const server = forkServer({ BENCH_DB: join(dir, 'rss.sqlite') });
    const url = await ready(server, 'the server');
    await sleep(1500);
    const rssIdleKb = memoryOf(server.pid!)?.rssKb ?? NaN;
    const first = await run(url, 10_000);
    const rssAt10kKb = memoryOf(server.pid!)?.rssKb ?? NaN;
    // RSS after every 2,500 of the next 30,000: one reading lands anywhere on the heap's saw-tooth (garbage
    // waiting for the next full GC swung it by up to 60 MB here with V8's default heap limit), the line through thirteen measures the growth.
    const rssSamples = [{ at: 0, kb: rssAt10kKb }];
    let nextFailed = 0;
    let nextSeconds = 0;
    for (let k = 1; k <= RSS_STEPS; k++) {
      const step = await run(url, 30_000 / RSS_STEPS);
      nextFailed += step.failed;
      nextSeconds += step.seconds;
      rssSamples.push({ at: (k * 30_000) / RSS_STEPS, kb: memoryOf(server.pid!)?.rssKb ?? NaN });
    }
    const rssAt40kKb = rssSamples.at(-1)!.kb;
    await stopChild(server);
    return {
      heapBefore,
      heapAfter,
      heapConversations: 10_000,
      heapGrowthPer10k: heapAfter - heapBefore,
      heapFailed: warm.failed + measured.failed,
      rssIdleKb,
      rssAt10kKb,
      rssAt40kKb,
      rssGrowthKb: rssAt40kKb - rssAt10kKb,
      rssTrendKb: slope(rssSamples) * 30_000,
      rssSamples: rssSamples.length,
      rssFailed: first.failed + nextFailed,
      rate: 30_000 / nextSeconds,
    };
  } finally {
    load.child.send({ type: 'exit' });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A free port on 127.0.0.1 (for a server restarted where its users expect it). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Users sending while the one SQLite server is killed with -9 and started again on the same file and port (3d). */
async function benchSqliteKill(): Promise<FailoverResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-kill-'));
  try {
    const env = { BENCH_DB: join(dir, 'bot.sqlite'), BENCH_PORT: String(await freePort()) };
    const first = forkServer(env);
    const url = await ready(first, 'the server');
    const load = new LoadGenerator(forkHelper('load.ts'));
    progress('HTTP d: 50 users, a message every 200 ms each, the server killed with -9 after 3 s and started again');
    const run = load.runUntilKill({ kind: 'failover', urls: [url], users: 50, seconds: 8 }, 120_000);
    await run.sending;
    await sleep(3000);
    const gone = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await gone;
    const second = forkServer(env);
    await ready(second, 'the restarted server');
    const failover = await run.result;
    load.child.send({ type: 'exit' });
    await stopChild(second);
    return failover;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ClusterBench {
  paced: PacedResult;
  flood: FloodResult;
  failover: FailoverResult;
}

/** Runs a and b against these instances (users spread over them): 200 users at a message a second, then 50 without pause. */
async function webhookRuns(load: LoadGenerator, urls: string[], label: string): Promise<{ paced: PacedResult; flood: FloodResult }> {
  const over = urls.length > 1 ? ` over ${urls.length} instances` : '';
  progress(`${label} a: 200 webhook users, one message a second each${over}, 15 s`);
  const paced = await load.run<PacedResult>({ kind: 'paced', url: urls[0]!, urls, users: 200, seconds: 15 }, 60_000);
  progress(`${label} b: 50 webhook users without pause${over}, 1 s warm-up + 10 s`);
  const flood = await load.run<FloodResult>({ kind: 'flood', url: urls[0]!, urls, users: 50, seconds: 10, warmupSeconds: 1, signed: true }, 60_000);
  return { paced, flood };
}

/** `--instances`: only the rows of one instance on SQLite beside two on PostgreSQL (3a, 3b, 3d, 5a-c), about a minute and a half. */
async function benchInstances(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-one-'));
  let one: { paced: PacedResult; flood: FloodResult };
  try {
    progress('HTTP: one instance on SQLite (child process)');
    const server = forkServer({ BENCH_DB: join(dir, 'bot.sqlite') });
    const url = await ready(server, 'the server');
    const load = new LoadGenerator(forkHelper('load.ts'));
    one = await webhookRuns(load, [url], 'HTTP');
    load.child.send({ type: 'exit' });
    await stopChild(server);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const kill = await benchSqliteKill();
  const cluster = await benchCluster();
  return render(instanceRows(one.paced, one.flood, kill, cluster));
}

/** A PostgreSQL database for the bench: a fresh one when the role may create it, else DATABASE_URL's own; why not, when none answers. */
async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> } | { skipped: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { skipped: 'DATABASE_URL is not set' };
  const pg = (await import('pg')).default;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await admin('SELECT 1');
  } catch (err) {
    return { skipped: `no PostgreSQL answers at DATABASE_URL (${(err as Error).message})` };
  }
  const name = `dbarai_bench_${Date.now().toString(36)}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch {
    return { url, drop: () => Promise.resolve() };
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return { url: fresh.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined) };
}

/** Two instances on one PostgreSQL database, in child processes, the load spread over both (5a-c). */
async function benchCluster(): Promise<ClusterBench | { skipped: string }> {
  const db = await benchDatabase();
  if ('skipped' in db) {
    progress(`PostgreSQL: ${db.skipped}; the rows of two instances are skipped`);
    return db;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-pg-'));
  try {
    progress('Cluster: two instances on one PostgreSQL database (child processes)');
    const servers = ['a', 'b'].map((n) => forkServer({ BENCH_DB: join(dir, `${n}.sqlite`), BENCH_DATABASE_URL: db.url }));
    const urls = await Promise.all(servers.map((child, i) => ready(child, `instance ${i + 1}`)));
    await sleep(1000);
    const load = new LoadGenerator(forkHelper('load.ts'));
    const { paced, flood } = await webhookRuns(load, urls, 'Cluster');
    progress('Cluster c: 50 users, a message every 200 ms each, instance 1 killed with -9 after 3 s');
    const run = load.runUntilKill({ kind: 'failover', urls, users: 50, seconds: 8 }, 120_000);
    await run.sending;
    await sleep(3000);
    servers[0]!.kill('SIGKILL');
    const failover = await run.result;
    load.child.send({ type: 'exit' });
    await stopChild(servers[1]!);
    return { paced, flood, failover };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

/**
 * Other processes on the machine steal the bench's two cores: each phase
 * records how much CPU the machine spent outside the bench's own processes
 * (in % of one core), so a disturbed run shows it.
 */
class Disturbance {
  private last = this.sample();
  readonly phases: { name: string; otherPct: number }[] = [];
  private sample() {
    let ours = selfAndReapedCpuMs();
    for (const c of children) if (c.pid && c.exitCode === null) ours += cpuMsOf(c.pid);
    return { at: performance.now(), busy: machineBusyMs(), ours };
  }
  mark(name: string): number {
    const now = this.sample();
    const other = now.busy - this.last.busy - (now.ours - this.last.ours);
    const pct = Math.max(0, (other / (now.at - this.last.at)) * 100);
    this.last = now;
    this.phases.push({ name, otherPct: pct });
    return pct;
  }
}

// ---------- the table ----------

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const signed = (x: number) => {
  if (!Number.isFinite(x)) return '–';
  const r = Math.round(x) || 0; // -0.3 reads +0
  return (r >= 0 ? '+' : '') + n0(r);
};
const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) + ' ms' : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(2) + '×' : '–');
const mark = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

function table(
  nlu: NluBench,
  dialog: DialogBench,
  http: HttpBench,
  memory: MemoryBench,
  kill: FailoverResult,
  cluster: ClusterBench | { skipped: string },
  disturbance: Disturbance,
): string {
  const rows: string[][] = [];
  const cpuModel = cpus()[0]?.model.trim() ?? '?';
  const other = disturbance.phases.map((p) => `${p.name} ${n0(p.otherPct)}%`).join(', ');
  const disturbed = disturbance.phases.some((p) => p.otherPct >= 20);
  rows.push([
    'machine',
    `${cpus().length} cores (${cpuModel}), Node ${process.version}, ${process.platform}/${process.arch}`,
    `other processes' CPU (% of a core): ${other}`,
    '',
    '',
    disturbed ? 'DISTURBED' : 'quiet',
  ]);

  const nluRatio = nlu.ours.perSecond / nlu.peer.perSecond;
  rows.push([
    '1 NLU classifications/s',
    `${n0(nlu.ours.perSecond)}/s (Nlu.understand)`,
    `${n0(nlu.peer.perSecond)}/s (nlp.js)`,
    ratio(nlu.ours.perSecond, nlu.peer.perSecond),
    '≥ 3× nlp.js',
    mark(nluRatio >= 3),
  ]);
  rows.push([
    '  NLU training time',
    `${n0(nlu.ours.trainMs)} ms`,
    `${n0(nlu.peer.trainMs)} ms`,
    ratio(nlu.ours.trainMs, nlu.peer.trainMs),
    `${nlu.examples} examples, ${nlu.messages} msgs`,
    `agree ${(nlu.agreement * 100).toFixed(0)}%`,
  ]);
  rows.push([
    '2 Dialog turns/s (Bot.handle+SQLite)',
    `${n0(dialog.perSecond)}/s`,
    `turn() alone ${n0(dialog.pureTurnsPerSecond)}/s`,
    '',
    `${dialog.conversations}×4 turns, WAL synced, ${dialog.concurrency} at a time`,
    '',
  ]);

  http.paced.forEach((p, i) => {
    const pacedOk = p.latency.p99 < 30 && p.errors === 0 && p.emptyOrBad === 0;
    rows.push([
      `3a webhook 200 users × 1 msg/s (run ${i + 1})`,
      `p50 ${ms(p.latency.p50)}, p99 ${ms(p.latency.p99)} (max ${ms(p.latency.max)})`,
      `${n0(p.requests)} requests in ${p.seconds.toFixed(1)} s, ${p.errors} errors${p.emptyOrBad ? `, ${p.emptyOrBad} empty` : ''}`,
      '',
      'p99 < 30 ms, 0 errors',
      mark(pacedOk),
    ]);
  });
  const f = http.flood;
  const b = http.bare;
  const floodRatio = f.rps / b.rps;
  rows.push([
    '3b webhook 50 users, no pause',
    `${n0(f.rps)} req/s, p50 ${ms(f.latency.p50)}, p99 ${ms(f.latency.p99)}, ${f.errors} err`,
    `bare node:http ${n0(b.rps)} req/s, p50 ${ms(b.latency.p50)}, p99 ${ms(b.latency.p99)}`,
    ratio(f.rps, b.rps),
    '≥ 0.2× bare',
    mark(floodRatio >= 0.2 && f.errors === 0),
  ]);
  const perRound = http.floodRounds.map((r) => r.bot / r.bare);
  rows.push([
    `  b round by round (${http.floodRounds.length})`,
    `bot ${http.floodRounds.map((r) => n0(r.bot)).join(' / ')} req/s`,
    `bare ${http.floodRounds.map((r) => n0(r.bare)).join(' / ')} req/s`,
    `${ratio(Math.min(...perRound), 1)}–${ratio(Math.max(...perRound), 1)}`,
    '',
    '',
  ]);
  const turnNote = Number.isFinite(http.turnMs.flood) ? `; in Bot.handle ${ms(http.turnMs.flood)} (a: ${ms(http.turnMs.paced)})` : '';
  rows.push([
    '  server per request (b)',
    `CPU ${ms(http.serverCpu.flood / Math.max(1, f.allRequests))}${turnNote}`,
    `bare CPU ${ms(http.serverCpu.bare / Math.max(1, b.allRequests))}`,
    '',
    `load gen CPU ${n0(f.clientCpuMs / (10 * f.seconds))}% / ${n0(b.clientCpuMs / (10 * b.seconds))}% of a core`,
    '',
  ]);
  const w = http.ws;
  const wsOk = w.lost === 0 && w.duplicated === 0 && w.outOfOrder === 0 && w.connected === w.users;
  rows.push([
    '3c websocket 200 users × 20 msgs',
    `${n0(w.answered)}/${n0(w.sent)} answered (${n0(w.replyFrames)} reply frames), lost ${w.lost}, dup ${w.duplicated}, out-of-order ${w.outOfOrder}`,
    `p50 ${ms(w.latency.p50)}, p99 ${ms(w.latency.p99)}, ${w.seconds.toFixed(1)} s${w.errorFrames ? `, ${w.errorFrames} error frames` : ''}`,
    '',
    '0 lost, 0 dup, 0 out-of-order',
    mark(wsOk),
  ]);
  rows.push(killRow('3d kill -9 + restart under load', kill));
  rows.push([
    '4 server RSS (HTTP runs)',
    `idle ${n0(http.rssIdleKb / 1024)} MB, after load ${n0(http.rssAfterKb / 1024)} MB`,
    `peak ${n0(http.rssPeakKb / 1024)} MB`,
    '',
    'idle ≤ 150 MB (Slack off)',
    mark(http.rssIdleKb / 1024 <= 150),
  ]);
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2) + ' MB';
  rows.push([
    '4a heap growth per 10,000 conversations',
    `${mb(memory.heapGrowthPer10k)} after a forced GC`,
    `heap ${mb(memory.heapBefore)} → ${mb(memory.heapAfter)} over ${n0(memory.heapConversations)} one-message conversations`,
    '',
    '< 1 MB',
    mark(memory.heapGrowthPer10k < 1e6 && memory.heapFailed === 0),
  ]);
  rows.push([
    '4b RSS over 30,000 more conversations',
    `${signed(memory.rssTrendKb / 1024)} MB by the line through ${memory.rssSamples} readings, ${memory.rssFailed} failed`,
    `last − first reading ${signed(memory.rssGrowthKb / 1024)} MB (${n0(memory.rssAt10kKb / 1024)} → ${n0(memory.rssAt40kKb / 1024)} MB); idle ${n0(memory.rssIdleKb / 1024)} MB; ${n0(memory.rate)} conversations/s`,
    '',
    '< 15 MB, 0 failed',
    mark(memory.rssTrendKb / 1024 < 15 && memory.rssFailed === 0),
  ]);

  rows.push(...instanceRows(http.paced[0]!, f, kill, cluster).slice(3));
  return render(rows);
}

const killRow = (name: string, k: FailoverResult) => [
  name,
  `lost ${k.lost} of ${n0(k.acked)} acknowledged`,
  `${k.users} users, ${n0(k.resent)} sends again, ${k.unanswered} unanswered, ${k.seconds.toFixed(1)} s${k.unchecked ? `, ${k.unchecked} UNCHECKED` : ''}`,
  '',
  'lost 0',
  mark(k.lost === 0 && k.unchecked === 0),
];

/** One instance on SQLite (3a, 3b, 3d) beside two on PostgreSQL (5a-c); reported, no target but 0 lost. */
function instanceRows(p: PacedResult, f: FloodResult, kill: FailoverResult, cluster: ClusterBench | { skipped: string }): string[][] {
  const rows: string[][] = [
    [
      '3a webhook 200 users × 1 msg/s',
      `p50 ${ms(p.latency.p50)}, p99 ${ms(p.latency.p99)} (max ${ms(p.latency.max)})`,
      `${n0(p.requests)} requests, ${p.errors} errors`,
      '',
      '',
      '',
    ],
    ['3b webhook 50 users, no pause', `${n0(f.rps)} req/s, p50 ${ms(f.latency.p50)}, p99 ${ms(f.latency.p99)}, ${f.errors} err`, '', '', '', ''],
    killRow('3d kill -9 + restart under load', kill),
  ];
  if ('skipped' in cluster) {
    for (const name of ['5a 2 instances (PG) 200 users × 1 msg/s', '5b 2 instances (PG) 50 users, no pause', '5c 2 instances (PG) kill -9 of one'])
      rows.push([name, `skipped: ${cluster.skipped}`, '', '', '', '']);
    return rows;
  }
  const cp = cluster.paced;
  const cf = cluster.flood;
  rows.push(
    [
      '5a 2 instances (PG) 200 users × 1 msg/s',
      `p50 ${ms(cp.latency.p50)}, p99 ${ms(cp.latency.p99)} (max ${ms(cp.latency.max)})`,
      `${n0(cp.requests)} requests, ${cp.errors} errors; 1 SQLite instance (3a): p99 ${ms(p.latency.p99)}`,
      '',
      'reported',
      '',
    ],
    [
      '5b 2 instances (PG) 50 users, no pause',
      `${n0(cf.rps)} req/s, p50 ${ms(cf.latency.p50)}, p99 ${ms(cf.latency.p99)}, ${cf.errors} err`,
      `1 SQLite instance (3b): ${n0(f.rps)} req/s`,
      ratio(cf.rps, f.rps),
      'reported',
      '',
    ],
    killRow('5c 2 instances (PG) kill -9 of one', cluster.failover),
  );
  return rows;
}

/** The rows as a Markdown table. */
function render(rows: string[][]): string {
  const head = ['measure', 'ours', 'peer / bare / detail', 'ratio', 'target', 'result'];
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c + ' '.repeat(width[i]! - [...c].length)).join(' | ') + ' |';
  const rule = '|' + width.map((wd) => '-'.repeat(wd + 2)).join('|') + '|';
  return [line(head), rule, ...rows.map(line)].join('\n') + '\n';
}

// ---------- main ----------

const watchdog = setTimeout(() => {
  progress('the bench took over 600 s; stopping');
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}, 600_000);
watchdog.unref();
process.once('SIGINT', () => {
  for (const c of children) c.kill('SIGKILL');
  process.exit(130);
});

try {
  progress(`machine: ${cpus().length} cores, Node ${process.version}`);
  progress('building the server as npm start does (tsc -p tsconfig.build.json)');
  execFileSync(process.execPath, [fromRoot('node_modules', 'typescript', 'bin', 'tsc'), '-p', fromRoot('tsconfig.build.json')], { stdio: 'inherit' });
  if (process.argv.includes('--instances')) {
    process.stdout.write(await benchInstances());
    clearTimeout(watchdog);
    process.exit(0);
  }
  const disturbance = new Disturbance();
  const warnIfDisturbed = (name: string) => {
    const pct = disturbance.mark(name);
    if (pct >= 20) progress(`warning: other processes used ${Math.round(pct)}% of a core during the ${name} phase; its numbers are disturbed`);
  };
  const examples = loadTrainingData();
  const nlu = await benchNlu(examples, progress);
  progress(`NLU: ours ${Math.round(nlu.ours.perSecond)}/s, nlp.js ${Math.round(nlu.peer.perSecond)}/s`);
  warnIfDisturbed('NLU');
  const dialog = await benchDialog(nlu.nlu, 1000, progress);
  progress(`Dialog: ${Math.round(dialog.perSecond)} turns/s through Bot.handle`);
  warnIfDisturbed('dialog');
  const http = await benchHttp();
  const kill = await benchSqliteKill();
  warnIfDisturbed('HTTP');
  const memory = await benchMemory();
  warnIfDisturbed('memory');
  const cluster = await benchCluster();
  warnIfDisturbed('PostgreSQL');
  progress(`done in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  const w = http.ws;
  if (w.problems.length) for (const p of w.problems) progress(`ws: ${p}`);
  const statuses = (s: Record<string, number>) =>
    Object.entries(s)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ');
  progress(
    `statuses: a ${http.paced.map((p) => statuses(p.statuses)).join(' / ')}; b ${statuses(http.flood.statuses)}; bare ${statuses(http.bare.statuses)}; late sends in a: ${http.paced.map((p) => p.lateSends).join(' / ')}`,
  );
  process.stdout.write(table(nlu, dialog, http, memory, kill, cluster, disturbance));
  clearTimeout(watchdog);
  process.exit(0);
} catch (err) {
  progress(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}
