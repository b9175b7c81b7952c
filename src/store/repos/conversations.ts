import type { ChannelName, ConversationState } from '../../core/types.js';
import { ConversationStateSchema } from '../../dialog/state.js';
import { forUpdate, type Sql } from '../sql.js';

/** A conversation's saved state: one row per conversation, the state as JSON. */
export class ConversationRepo {
  constructor(private readonly sql: Sql) {}

  /**
   * The saved state, or undefined when there is none or it no longer
   * validates (then the conversation starts afresh). With `lock` (PostgreSQL)
   * the row is created if missing and locked until the transaction ends, so
   * two instances apply one conversation's messages one after the other.
   */
  async load(id: string, lock = false): Promise<ConversationState | undefined> {
    if (lock && this.sql.dialect === 'postgres') {
      await this.sql.run("INSERT INTO conversations (id, channel, state, updated_at) VALUES (?, 'web', '{}', 0) ON CONFLICT (id) DO NOTHING", [id]);
    }
    const row = await this.sql.get<{ state: string }>(`SELECT state FROM conversations WHERE id = ?${forUpdate(this.sql, lock)}`, [id]);
    if (!row) return undefined;
    const parsed = ConversationStateSchema.safeParse(JSON.parse(row.state));
    return parsed.success ? parsed.data : undefined;
  }

  /** Saves the state; `openAsk` is the troubleshooting question left open (for the abandonment sweep), or null. */
  async save(id: string, channel: ChannelName, state: ConversationState, openAsk: string | null): Promise<void> {
    await this.sql.run(
      `INSERT INTO conversations (id, channel, state, updated_at, open_ask) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, state = excluded.state, updated_at = excluded.updated_at, open_ask = excluded.open_ask`,
      [id, channel, JSON.stringify(state), state.lastAt, openAsk],
    );
  }

  /** Conversations that have waited on a troubleshooting question since before `before` (ms). */
  waiting(before: number, limit = 500): Promise<{ id: string; channel: ChannelName }[]> {
    return this.sql.all('SELECT id, channel FROM conversations WHERE open_ask IS NOT NULL AND updated_at < ? ORDER BY updated_at LIMIT ?', [before, limit]);
  }

  /** Marks a conversation's open question as no longer counted as waiting (it was counted as abandoned). */
  async release(id: string): Promise<void> {
    await this.sql.run('UPDATE conversations SET open_ask = NULL WHERE id = ?', [id]);
  }
}
