import type { ChannelName, ConversationState, Reply } from '../core/types.js';
import { ConversationStateSchema } from '../dialog/state.js';
import type { Db } from './db.js';

/** One line of a conversation's transcript. */
export interface TranscriptEntry {
  role: 'user' | 'bot' | 'agent' | 'system';
  text: string;
  quick_replies?: Reply['quick_replies'];
  meta?: Reply['meta'];
  at: number;
}

/** Conversation state and transcripts in SQLite. */
export class ConversationStore {
  private readonly getState;
  private readonly putState;
  private readonly addLine;
  private readonly lines;

  constructor(private readonly db: Db) {
    this.getState = db.prepare<[string], { state: string }>('SELECT state FROM conversations WHERE id = ?');
    this.putState = db.prepare(
      `INSERT INTO conversations (id, channel, state, updated_at) VALUES (@id, @channel, @state, @at)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.addLine = db.prepare('INSERT INTO transcript (conversation_id, role, text, reply, at) VALUES (?, ?, ?, ?, ?)');
    this.lines = db.prepare<[string, number], { role: TranscriptEntry['role']; text: string; reply: string | null; at: number }>(
      'SELECT role, text, reply, at FROM transcript WHERE conversation_id = ? ORDER BY id DESC LIMIT ?',
    );
  }

  /** The saved state, or undefined when there is none or it no longer validates (then the conversation starts afresh). */
  load(id: string): ConversationState | undefined {
    const row = this.getState.get(id);
    if (!row) return undefined;
    const parsed = ConversationStateSchema.safeParse(JSON.parse(row.state));
    return parsed.success ? parsed.data : undefined;
  }

  save(id: string, channel: ChannelName, state: ConversationState): void {
    this.putState.run({ id, channel, state: JSON.stringify(state), at: state.lastAt });
  }

  /** Appends one line; bot and agent lines keep their quick replies and meta. */
  append(id: string, role: TranscriptEntry['role'], text: string, at: number, reply?: Reply): void {
    const extra = reply && (reply.quick_replies || reply.meta) ? JSON.stringify({ quick_replies: reply.quick_replies, meta: reply.meta }) : null;
    this.addLine.run(id, role, text, extra, at);
  }

  /** The last `limit` lines, oldest first. */
  transcript(id: string, limit = 200): TranscriptEntry[] {
    return this.lines
      .all(id, limit)
      .reverse()
      .map((r) => ({ role: r.role, text: r.text, at: r.at, ...(r.reply ? (JSON.parse(r.reply) as Partial<TranscriptEntry>) : {}) }));
  }

  /** Deletes transcript lines older than `before` (ms); returns how many went. */
  purgeTranscripts(before: number): number {
    return this.db.prepare('DELETE FROM transcript WHERE at < ?').run(before).changes;
  }

  /**
   * Runs `fn` in one write transaction: a turn's message, state and replies are
   * saved together or not at all. IMMEDIATE takes the write lock first, so a
   * busy database is waited for (busy_timeout) instead of failing mid-turn.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
