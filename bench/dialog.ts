/**
 * Dialog throughput: scripted troubleshooting conversations through
 * `Bot.handle` with SQLite persistence (a temp file, WAL, the project's own
 * pragmas via `openDb`), and the same turns through `turn()` alone (no
 * database) to show how the time splits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from '../src/bot.js';
import { createBrain, turn } from '../src/dialog/index.js';
import type { Nlu } from '../src/nlu/index.js';
import { silentLogger } from '../src/log.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { ConversationState } from '../src/core/types.js';
import { MemoryTickets, PATHS } from './common.js';

export interface DialogBench {
  conversations: number;
  turns: number;
  seconds: number;
  perSecond: number;
  /** The same turns through `turn()` with no database. */
  pureTurnsPerSecond: number;
  /** Conversations talking at once (their turns share group commits). */
  concurrency: number;
  replies: number;
  emptyTurns: number;
}

/** Scripted conversations through `Bot.handle` on SQLite (a temp file), `concurrency` of them at a time; then the same turns through `turn()` alone. */
export async function benchDialog(nlu: Nlu, conversations: number, progress: (s: string) => void, concurrency = 50): Promise<DialogBench> {
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-dialog-'));
  const store = new SqliteStore({ file: join(dir, 'bot.sqlite'), dayOf: () => '2026-01-01' });
  try {
    const brain = createBrain({ nlu });
    const bot = new Bot({ brain, store, log: silentLogger, maxChars: 2000 });
    let at = Date.now();
    const run = async (prefix: string, n: number) => {
      let replies = 0;
      let empty = 0;
      let next = 0;
      const worker = async () => {
        for (let c = next++; c < n; c = next++) {
          for (const text of PATHS[c % PATHS.length]!) {
            const r = await bot.handle({ conversationId: `${prefix}-${c}`, channel: 'web', text, at: (at += 7) });
            replies += r.replies.length;
            if (r.replies.length === 0) empty++;
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { replies, empty };
    };

    progress(
      `Dialog: warm-up, then ${conversations} conversations × 4 turns through Bot.handle (SQLite, WAL synced before each reply, ${concurrency} at a time)`,
    );
    await run('warm', 30);
    const started = performance.now();
    const { replies, empty } = await run('c', conversations);
    const seconds = (performance.now() - started) / 1000;
    const turns = conversations * 4;

    progress('Dialog: the same turns through turn() alone (no database)');
    const deps = { ...brain, tickets: new MemoryTickets() };
    const pure = async () => {
      for (let c = 0; c < conversations; c++) {
        let state: ConversationState | undefined;
        for (const text of PATHS[c % PATHS.length]!) state = (await turn(deps, state, { conversationId: `p-${c}`, channel: 'web', text, at: (at += 7) })).state;
      }
    };
    await pure();
    const t = performance.now();
    await pure();
    const pureSeconds = (performance.now() - t) / 1000;

    return { conversations, turns, seconds, perSecond: turns / seconds, pureTurnsPerSecond: turns / pureSeconds, concurrency, replies, emptyTurns: empty };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
