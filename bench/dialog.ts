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
import { openDb } from '../src/store/db.js';
import { ConversationStore } from '../src/store/conversations.js';
import { TicketStore } from '../src/store/tickets.js';
import type { ConversationState } from '../src/core/types.js';
import { PATHS } from './common.js';

export interface DialogBench {
  conversations: number;
  turns: number;
  seconds: number;
  perSecond: number;
  /** The same turns through `turn()` with no database. */
  pureTurnsPerSecond: number;
  journalMode: string;
  synchronous: number;
  replies: number;
  emptyTurns: number;
}

export function benchDialog(nlu: Nlu, conversations: number, progress: (s: string) => void): DialogBench {
  const dir = mkdtempSync(join(tmpdir(), 'dbarai-bench-dialog-'));
  const db = openDb(join(dir, 'bot.sqlite'));
  try {
    const store = new ConversationStore(db);
    const brain = createBrain({ tickets: new TicketStore(db), nlu });
    const bot = new Bot(brain, store, silentLogger);
    const journalMode = String(db.pragma('journal_mode', { simple: true }));
    const synchronous = Number(db.pragma('synchronous', { simple: true }));
    let at = Date.now();
    const run = (prefix: string, n: number) => {
      let replies = 0;
      let empty = 0;
      for (let c = 0; c < n; c++) {
        const path = PATHS[c % PATHS.length]!;
        for (const text of path) {
          const r = bot.handle({ conversationId: `${prefix}-${c}`, channel: 'web', text, at: (at += 7) });
          replies += r.length;
          if (r.length === 0) empty++;
        }
      }
      return { replies, empty };
    };

    progress(`Dialog: warm-up, then ${conversations} conversations × 4 turns through Bot.handle (SQLite ${journalMode}, synchronous=${synchronous})`);
    run('warm', 30);
    const started = performance.now();
    const { replies, empty } = run('c', conversations);
    const seconds = (performance.now() - started) / 1000;
    const turns = conversations * 4;

    progress('Dialog: the same turns through turn() alone (no database)');
    const pure = () => {
      for (let c = 0; c < conversations; c++) {
        let state: ConversationState | undefined;
        for (const text of PATHS[c % PATHS.length]!) state = turn(brain, state, { conversationId: `p-${c}`, channel: 'web', text, at: (at += 7) }).state;
      }
    };
    pure();
    const t = performance.now();
    pure();
    const pureSeconds = (performance.now() - t) / 1000;

    return {
      conversations,
      turns,
      seconds,
      perSecond: turns / seconds,
      pureTurnsPerSecond: turns / pureSeconds,
      journalMode,
      synchronous,
      replies,
      emptyTurns: empty,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
