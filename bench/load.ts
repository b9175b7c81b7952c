/**
 * The bench's load generator, in its own process (forked by `bench.ts`, so
 * its work is not charged to the server it measures). Takes one task at a
 * time over IPC and answers its result:
 *
 * - paced: N users, each with its own signed id, each sending one webhook
 *   message a second on its own schedule (phases spread over the second),
 *   walking a conversation; latency from send to the whole answer.
 * - flood: N users sending webhook messages back to back (one in flight
 *   each) for a fixed time after a warm-up; requests per second and latency.
 * - ws: N websocket users sending M messages each, waiting for each
 *   message's reply batch (typing, then message frames, then a short quiet
 *   spell) before the next; then each transcript (GET /api/history) is
 *   compared with what was sent and received to count lost, duplicated and
 *   out-of-order replies.
 *
 * Only ever talks to the URL it is given (127.0.0.1); every loop is bounded
 * in count and time.
 */
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import {
  WALK,
  latency,
  sleep,
  type ConversationsResult,
  type FailoverResult,
  type FloodResult,
  type FromLoad,
  type LoadTask,
  type PacedResult,
  type PairResult,
  type ToLoad,
  type WsResult,
} from './common.js';

const send = (m: FromLoad) => process.send!(m);
const progress = (text: string) => send({ type: 'progress', text });

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One POST over a keep-alive agent; resolves with status, body and latency (never rejects: status 0 is a network error). */
function post(agent: Agent, url: URL, path: string, payload: Buffer, timeoutMs = 10_000): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const done = (status: number, body: string) => {
      if (settled) return;
      settled = true;
      resolve({ status, body, ms: performance.now() - started });
    };
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        res.on('error', () => done(0, ''));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0, ''));
    req.end(payload);
  });
}

/** Signed user ids from POST /api/session, a few at a time. */
async function sessions(url: URL, n: number): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const ids = new Array<string>(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const a = await post(agent, url, '/api/session', Buffer.from('{}'));
      if (a.status !== 200) throw new Error(`POST /api/session answered ${a.status}`);
      ids[i] = (JSON.parse(a.body) as { user: string }).user;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  return ids;
}

const body = (user: string, text: string) => Buffer.from(JSON.stringify({ type: 'message', text, user, channel: 'webhook' }));

/** A 200 whose body is a JSON array with at least one reply. */
function goodReply(a: Answer): boolean {
  try {
    const v = JSON.parse(a.body) as unknown;
    return Array.isArray(v) && v.length > 0 && typeof (v[0] as { text?: unknown }).text === 'string';
  } catch {
    return false;
  }
}

/** Where user i sends: the task's one URL, or its instances in turn. */
const targetsOf = (task: { url: string; urls?: string[] }) => (task.urls ?? [task.url]).map((u) => new URL(u));

async function paced(task: Extract<LoadTask, { kind: 'paced' }>): Promise<PacedResult> {
  const targets = targetsOf(task);
  const url = targets[0]!;
  const ids = await sessions(url, task.users);
  const agent = new Agent({ keepAlive: true, maxSockets: task.users });
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let emptyOrBad = 0;
  let late = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now() + 200;
  const user = async (i: number) => {
    const phase = (i / task.users) * 1000;
    for (let k = 0; k < task.seconds; k++) {
      const slot = t0 + phase + k * 1000;
      const wait = slot - performance.now();
      if (wait > 0) await sleep(wait);
      else if (wait < -50) late++;
      const a = await post(agent, targets[i % targets.length]!, '/api/messages', body(ids[i]!, WALK[k % WALK.length]!));
      samples.push(a.ms);
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      if (a.status === 200) {
        ok++;
        if (!goodReply(a)) emptyOrBad++;
      } else errors++;
    }
  };
  const timer = setInterval(() => progress(`  paced: ${samples.length} answers so far`), 5000);
  await Promise.all(ids.map((_, i) => user(i)));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return {
    kind: 'paced',
    requests: samples.length,
    ok,
    errors,
    emptyOrBad,
    statuses,
    latency: latency(samples),
    lateSends: late,
    seconds,
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

/** `count` one-message conversations, `concurrency` at a time: a new id, then one message (what a public bot sees most). */
async function conversations(task: Extract<LoadTask, { kind: 'conversations' }>): Promise<ConversationsResult> {
  const url = new URL(task.url);
  const agent = new Agent({ keepAlive: true, maxSockets: task.concurrency });
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < task.count) {
      next++;
      const s = await post(agent, url, '/api/session', Buffer.from('{}'));
      if (s.status !== 200) {
        failed++;
        continue;
      }
      const a = await post(agent, url, '/api/messages', body((JSON.parse(s.body) as { user: string }).user, WALK[0]!));
      if (a.status !== 200 || !goodReply(a)) failed++;
    }
  };
  const timer = setInterval(() => progress(`  conversations: ${next}/${task.count}`), 5000);
  await Promise.all(Array.from({ length: task.concurrency }, worker));
  clearInterval(timer);
  agent.destroy();
  return { kind: 'conversations', count: task.count, failed, seconds: (performance.now() - started) / 1000 };
}

/** What one target answered over one or more flood rounds. */
interface FloodTally {
  samples: number[];
  statuses: Record<string, number>;
  errors: number;
  /** Requests answered including warm-ups. */
  all: number;
  /** Measured seconds (warm-ups left out). */
  seconds: number;
  clientCpuMs: number;
}

const emptyTally = (): FloodTally => ({ samples: [], statuses: {}, errors: 0, all: 0, seconds: 0, clientCpuMs: 0 });

/** The ids a flood sends with: signed by the server, or (the bare server checks none) of the same shape, so bodies are the same size. */
const floodIds = (url: URL, users: number, signed: boolean): Promise<string[]> =>
  signed
    ? sessions(url, users)
    : Promise.resolve(Array.from({ length: users }, () => `w_${randomBytes(16).toString('base64url')}.${randomBytes(32).toString('base64url')}`));

/**
 * One flood round into `into`: every user sends back to back (one message in
 * flight each, walking `WALK` from `walked[i]`) for `warmupSeconds` unmeasured,
 * then `seconds` measured.
 */
async function floodRound(
  agent: Agent,
  targets: URL[],
  ids: string[],
  walked: number[],
  seconds: number,
  warmupSeconds: number,
  into: FloodTally,
): Promise<void> {
  const measureFrom = performance.now() + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  let cpu: NodeJS.CpuUsage | undefined;
  const user = async (i: number) => {
    while (performance.now() < end) {
      const sentAt = performance.now();
      const a = await post(agent, targets[i % targets.length]!, '/api/messages', body(ids[i]!, WALK[walked[i]!++ % WALK.length]!));
      into.all++;
      if (sentAt >= measureFrom && performance.now() <= end) {
        into.samples.push(a.ms);
        into.statuses[a.status] = (into.statuses[a.status] ?? 0) + 1;
        if (a.status !== 200) into.errors++;
      }
    }
  };
  const mark = setTimeout(() => (cpu = process.cpuUsage()), warmupSeconds * 1000);
  await Promise.all(ids.map((_, i) => user(i)));
  clearTimeout(mark);
  const used = process.cpuUsage(cpu);
  into.seconds += seconds;
  into.clientCpuMs += (used.user + used.system) / 1000;
}

const floodResult = (t: FloodTally): FloodResult => ({
  kind: 'flood',
  requests: t.samples.length,
  allRequests: t.all,
  errors: t.errors,
  statuses: t.statuses,
  rps: t.samples.length / t.seconds,
  latency: latency(t.samples),
  seconds: t.seconds,
  clientCpuMs: t.clientCpuMs,
});

async function flood(task: Extract<LoadTask, { kind: 'flood' }>): Promise<FloodResult> {
  const targets = targetsOf(task);
  const ids = await floodIds(targets[0]!, task.users, task.signed);
  const agent = new Agent({ keepAlive: true, maxSockets: task.users });
  const tally = emptyTally();
  await floodRound(
    agent,
    targets,
    ids,
    ids.map(() => 0),
    task.seconds,
    task.warmupSeconds,
    tally,
  );
  agent.destroy();
  return floodResult(tally);
}

/**
 * The bot's server and the bare one flooded in turns (bot, bare, bot, bare, …),
 * so that both are measured across the same minute of a machine whose speed
 * drifts; each keeps its connections and its users' places in the walk
 * between its rounds.
 */
async function floodPair(task: Extract<LoadTask, { kind: 'pair' }>): Promise<PairResult> {
  const side = async (url: URL, signed: boolean) => {
    const ids = await floodIds(url, task.users, signed);
    const agent = new Agent({ keepAlive: true, maxSockets: task.users });
    const walked = ids.map(() => 0);
    const tally = emptyTally();
    /** One round; resolves to its requests per second. */
    const round = async () => {
      const before = tally.samples.length;
      await floodRound(agent, [url], ids, walked, task.roundSeconds, task.warmupSeconds, tally);
      return (tally.samples.length - before) / task.roundSeconds;
    };
    return { agent, tally, round };
  };
  const [bot, bare] = await Promise.all([side(new URL(task.url), true), side(new URL(task.bareUrl), false)]);
  const rounds: PairResult['rounds'] = [];
  for (let r = 0; r < task.rounds; r++) rounds.push({ bot: await bot.round(), bare: await bare.round() });
  bot.agent.destroy();
  bare.agent.destroy();
  return { kind: 'pair', bot: floodResult(bot.tally), bare: floodResult(bare.tally), rounds };
}

interface Frame {
  type: string;
  text?: string;
}

interface WsUser {
  id: string;
  ws: WebSocket;
  sent: string[];
  /** Reply batches: each typing frame starts one; message frames join the latest. */
  batches: string[][];
  /** Message frames that came before any typing frame. */
  stray: number;
  errors: number;
  lastFrameAt: number;
  wake?: () => void;
}

/**
 * Matches one user's reply batches (in the order the socket delivered them)
 * with the transcript the server kept (its order of messages and replies):
 * - the server must have kept the messages in the order they were sent;
 * - each batch is matched with the first unanswered message whose kept
 *   replies it equals (looking from just after the previous match, then
 *   from the start); a batch that goes back before an earlier match is out
 *   of order; a batch that matches nothing is a duplicate, unless it is part
 *   of the next unanswered message's replies (then frames were lost);
 * - every sent message left without a matched batch is lost.
 */
export function compare(sent: readonly string[], kept: readonly { user: string; bot: string[] }[], batches: readonly string[][]) {
  const notes: string[] = [];
  let outOfOrder = 0;
  let duplicated = 0;
  let lost = 0;
  for (let k = 0; k < Math.min(sent.length, kept.length); k++)
    if (kept[k]!.user !== sent[k]) {
      outOfOrder++;
      notes.push(`message ${k + 1}: sent ${JSON.stringify(sent[k])} but the server kept ${JSON.stringify(kept[k]!.user)} in that place`);
    }
  const used = new Array<boolean>(kept.length).fill(false);
  const same = (b: readonly string[], k: number) => b.length === kept[k]!.bot.length && b.every((t, j) => t === kept[k]!.bot[j]);
  let last = -1;
  let highest = -1;
  let matched = 0;
  for (const [j, b] of batches.entries()) {
    let at = -1;
    for (let k = last + 1; k < kept.length && at < 0; k++) if (!used[k] && same(b, k)) at = k;
    for (let k = 0; k <= last && at < 0; k++) if (!used[k] && same(b, k)) at = k;
    if (at < 0) {
      const next = used.indexOf(false);
      if (next >= 0 && b.length < kept[next]!.bot.length && b.every((t) => kept[next]!.bot.includes(t))) {
        used[next] = true;
        lost++; // an incomplete batch: some of its frames never came
        notes.push(`reply batch ${j + 1} is missing ${kept[next]!.bot.length - b.length} of the frames kept for message ${next + 1}`);
        last = next;
        highest = Math.max(highest, next);
        continue;
      }
      duplicated++;
      notes.push(`reply batch ${j + 1} ${JSON.stringify(b).slice(0, 80)} matches no unanswered message`);
      continue;
    }
    used[at] = true;
    matched++;
    if (at < highest) {
      outOfOrder++;
      notes.push(`reply batch ${j + 1} answers message ${at + 1} after message ${highest + 1} was answered`);
    }
    last = at;
    highest = Math.max(highest, at);
  }
  lost += Math.max(0, sent.length - matched - (used.filter(Boolean).length - matched));
  return { matched, lost, duplicated, outOfOrder, notes };
}

async function websockets(task: Extract<LoadTask, { kind: 'ws' }>): Promise<WsResult> {
  const url = new URL(task.url);
  const ids = await sessions(url, task.users);
  const wsBase = `ws://${url.host}/api/messages?user=`;
  const users: WsUser[] = [];
  const problems: string[] = [];
  const problem = (s: string) => void (problems.length < 8 && problems.push(s));

  // Connect everyone first (bounded by a timeout).
  await Promise.all(
    ids.map(
      (id) =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(wsBase + encodeURIComponent(id));
          const u: WsUser = { id, ws, sent: [], batches: [], stray: 0, errors: 0, lastFrameAt: 0 };
          const timer = setTimeout(() => {
            problem(`connect timeout for ${id.slice(0, 10)}…`);
            ws.terminate();
            resolve();
          }, 10_000);
          ws.on('open', () => {
            clearTimeout(timer);
            users.push(u);
            resolve();
          });
          ws.on('error', (err) => {
            clearTimeout(timer);
            problem(`socket error: ${String(err)}`);
            resolve();
          });
          ws.on('message', (data) => {
            u.lastFrameAt = performance.now();
            let f: Frame;
            try {
              f = JSON.parse((data as Buffer).toString()) as Frame;
            } catch {
              u.errors++;
              return;
            }
            if (f.type === 'typing') u.batches.push([]);
            else if (f.type === 'message') {
              const batch = u.batches.at(-1);
              if (batch) batch.push(f.text ?? '');
              else u.stray++;
            } else if (f.type === 'error') {
              u.errors++;
              problem(`error frame: ${JSON.stringify(f).slice(0, 120)}`);
            }
            u.wake?.();
          });
        }),
    ),
  );
  progress(`  ws: ${users.length}/${task.users} sockets open`);

  const samples: number[] = [];
  let timeouts = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  /** Resolves when `ready()` holds or the time is up; re-checked on every frame. */
  const until = (u: WsUser, ready: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (ready()) return resolve(true);
      const timer = setTimeout(() => {
        u.wake = undefined;
        resolve(false);
      }, ms);
      u.wake = () => {
        if (!ready()) return;
        clearTimeout(timer);
        u.wake = undefined;
        resolve(true);
      };
    });

  const run = async (u: WsUser) => {
    for (let i = 0; i < task.messages; i++) {
      const text = `${WALK[i % WALK.length]!} #${i + 1}`;
      const before = u.batches.length;
      const sentAt = performance.now();
      u.sent.push(text);
      u.ws.send(JSON.stringify({ type: 'message', text }));
      const answered = await until(u, () => u.batches.length > before && u.batches[before]!.length > 0, task.replyTimeoutMs);
      if (!answered) {
        timeouts++;
        continue;
      }
      samples.push(performance.now() - sentAt);
      // The batch may have more than one message frame: wait for a quiet spell before the next message.
      while (performance.now() - u.lastFrameAt < task.settleMs) await sleep(task.settleMs - (performance.now() - u.lastFrameAt) + 1);
    }
  };
  const timer = setInterval(() => progress(`  ws: ${samples.length} answered so far`), 5000);
  await Promise.all(users.map(run));
  clearInterval(timer);
  await sleep(500); // late or duplicated frames
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  for (const u of users) u.ws.close();

  // Compare each user's sockets frames with the transcript the server kept.
  let sent = 0;
  let answeredCount = 0;
  let replyFrames = 0;
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let errorFrames = 0;
  let next = 0;
  const check = async () => {
    while (next < users.length) {
      const u = users[next++]!;
      const res = await fetch(`${task.url}/api/history?user=${encodeURIComponent(u.id)}`);
      const { messages } = (await res.json()) as { messages: { role: string; text: string }[] };
      const kept: { user: string; bot: string[] }[] = [];
      for (const m of messages) {
        if (m.role === 'user') kept.push({ user: m.text, bot: [] });
        else if (m.role === 'bot' && kept.length) kept.at(-1)!.bot.push(m.text);
      }
      sent += u.sent.length;
      errorFrames += u.errors;
      const batches = u.batches.filter((b) => b.length > 0);
      replyFrames += batches.reduce((n, b) => n + b.length, 0) + u.stray;
      const r = compare(u.sent, kept, batches);
      answeredCount += r.matched;
      lost += r.lost;
      duplicated += r.duplicated + u.stray;
      outOfOrder += r.outOfOrder;
      for (const p of r.notes) problem(`${u.id.slice(0, 10)}… ${p}`);
      if (u.stray) problem(`${u.id.slice(0, 10)}… ${u.stray} message frames outside any reply batch`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, check));
  // Sockets that never opened: their messages were never sent, but they count as lost users' replies.
  const unopened = task.users - users.length;
  lost += unopened * task.messages;
  return {
    kind: 'ws',
    users: task.users,
    connected: users.length,
    sent: sent + unopened * task.messages,
    answered: answeredCount,
    replyFrames,
    lost,
    duplicated,
    outOfOrder,
    errorFrames,
    timeouts,
    latency: latency(samples),
    seconds,
    clientCpuMs: (used.user + used.system) / 1000,
    problems,
  };
}

/**
 * Users each sending a message every 200 ms to their instance for `seconds`, while the bench kills
 * one instance with -9 (or restarts the only one). A send that fails (no connection, cut, 503) goes
 * again to the next instance after 100 ms, as a widget that reconnects elsewhere does. Afterwards every
 * user's transcript is read from an instance that answers: each acknowledged message must be in it.
 */
async function failover(task: Extract<LoadTask, { kind: 'failover' }>, id: number): Promise<FailoverResult> {
  const targets = task.urls.map((u) => new URL(u));
  const ids = await sessions(targets[0]!, task.users);
  send({ type: 'sending', id });
  const agent = new Agent({ keepAlive: true, maxSockets: task.users });
  const acked = ids.map(() => [] as string[]);
  let resent = 0;
  let unanswered = 0;
  const started = performance.now();
  const end = started + task.seconds * 1000;
  const user = async (i: number) => {
    let at = i % targets.length;
    for (let k = 0; performance.now() < end; k++) {
      const text = `${WALK[k % WALK.length]!} #${k + 1}`;
      let answered = false;
      while (!answered && performance.now() < end + 5000) {
        const a = await post(agent, targets[at]!, '/api/messages', body(ids[i]!, text), 3000);
        answered = a.status === 200;
        if (answered) acked[i]!.push(text);
        else if (a.status === 0 || a.status >= 500) {
          resent++;
          at = (at + 1) % targets.length;
          await sleep(100);
        } else break; // refused for good (429, 4xx): not a delivery problem
      }
      if (!answered) unanswered++;
      await sleep(200);
    }
  };
  await Promise.all(ids.map((_, i) => user(i)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  // A restarted instance may still be starting: wait (up to a minute) for one that answers before reading transcripts.
  for (let waited = 0; waited < 60_000; waited += 250) {
    const up = await Promise.all(
      targets.map((t) =>
        fetch(new URL('/healthz', t)).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    if (up.some(Boolean)) break;
    await sleep(250);
  }
  let lost = 0;
  let unchecked = 0;
  for (const [i, id] of ids.entries()) {
    let kept: string[] | undefined;
    for (const t of targets) {
      const res = await fetch(new URL(`/api/history?user=${encodeURIComponent(id)}`, t)).catch(() => undefined);
      if (res?.ok) {
        const { messages } = (await res.json()) as { messages: { role: string; text: string }[] };
        kept = messages.filter((m) => m.role === 'user').map((m) => m.text);
        break;
      }
    }
    if (!kept) {
      unchecked += acked[i]!.length; // no instance answered: not counted as lost, reported apart
      continue;
    }
    const have = new Set(kept);
    lost += acked[i]!.filter((text) => !have.has(text)).length;
  }
  return { kind: 'failover', users: task.users, acked: acked.reduce((n, a) => n + a.length, 0), lost, unchecked, resent, unanswered, seconds };
}

process.on('message', (m: ToLoad) => {
  if (m.type === 'exit') process.exit(0);
  if (m.type !== 'task') return;
  const { id, task } = m;
  const job =
    task.kind === 'paced'
      ? paced(task)
      : task.kind === 'flood'
        ? flood(task)
        : task.kind === 'pair'
          ? floodPair(task)
          : task.kind === 'conversations'
            ? conversations(task)
            : task.kind === 'failover'
              ? failover(task, id)
              : websockets(task);
  job.then(
    (result) => send({ type: 'result', id, result }),
    (err: unknown) => send({ type: 'failed', id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
