import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { start } from '../../src/main.js';
import { ROOT } from '../../src/core/paths.js';

/** The agents of a test server (AGENT_TOKENS) and their tokens. */
export const AGENTS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789' } as const;
const AGENT_TOKENS = Object.entries(AGENTS)
  .map(([name, token]) => `${name}:${token}`)
  .join(',');

/** The Authorization header of an agent of `AGENTS`. */
export const authAs = (agent: keyof typeof AGENTS) => ({ authorization: `Bearer ${AGENTS[agent]}` });

/** A temp folder for a test's SQLite file. */
export const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'dbarai-test-')), 'bot.sqlite');

/** Starts the real server in this process on an ephemeral port. */
export async function startServer(env: Record<string, string> = {}) {
  const config = loadConfig({
    PORT: '0',
    BOT_DB: tempDb(),
    LOG_LEVEL: 'silent',
    AGENT_TOKENS,
    ...env,
  });
  return start(config);
}

/**
 * Starts the server as a child process (for kill -9 tests); resolves once it listens. The store is
 * the one `env` names: DATABASE_URL is never inherited (CI exports it for the PostgreSQL suites),
 * so without it the child uses SQLite at BOT_DB. `log()` is everything the child wrote on stderr.
 */
export async function startProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; log(): string }> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'info', DOTENV_CONFIG_QUIET: 'true', PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never left running behind a failed test
      reject(new Error(`server did not start: ${err}`));
    }, 60_000); // 2-3 s on a quiet machine; tsx compiles the tree in each child, slow on a busy one
    child.stderr.on('data', () => {
      const m = /"url":"(http:[^"]+)"/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return { url, child, log: () => err };
}

/** Kills a child with a signal and waits until it is gone. */
export async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

/** POSTs JSON (or a raw string) and returns the status and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json as any, headers: res.headers };
}

/** A web user: a signed id and a `say` that speaks over the webhook. */
export async function webUser(url: string) {
  const { body } = await post(`${url}/api/session`, {});
  const user = body.user as string;
  return {
    user,
    say: async (text: string) => {
      const r = await post(`${url}/api/messages`, { type: 'message', text, user, channel: 'webhook' });
      if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body as { text: string; quick_replies?: { title: string; payload: string }[]; meta?: Record<string, any> }[];
    },
  };
}

/** The meta a turn's replies carry, merged: what the bot asked, the remedy, the ticket. */
export const metaOf = (replies: { meta?: Record<string, any> }[]) => Object.assign({}, ...replies.map((r) => r.meta ?? {}));
