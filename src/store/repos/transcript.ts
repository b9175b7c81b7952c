import type { Reply } from '../../core/types.js';
import { insertRows, type Sql } from '../sql.js';

/** One line of a conversation's transcript; `id` orders lines and lets channels match echoes. */
export interface TranscriptEntry {
  id: number;
  role: 'user' | 'bot' | 'agent' | 'system';
  text: string;
  quick_replies?: Reply['quick_replies'];
  meta?: Reply['meta'];
  lang?: Reply['lang'];
  /** Who wrote an agent line (the agent's display name). */
  agent?: string;
  at: number;
}

/** What a bot or agent line keeps besides its text. */
type LineExtra = Pick<TranscriptEntry, 'quick_replies' | 'meta' | 'lang' | 'agent'>;

/** A line to append. */
export interface NewLine {
  role: TranscriptEntry['role'];
  text: string;
  at: number;
  extra?: LineExtra;
}

/** The extra fields a line has, as JSON (null when it has none); never the text again, which has a column of its own. */
function extraJson(extra: LineExtra | undefined): string | null {
  if (!extra || !(extra.quick_replies || extra.meta || extra.lang || extra.agent)) return null;
  const { quick_replies, meta, lang, agent } = extra;
  return JSON.stringify({ quick_replies, meta, lang, agent }); // undefined fields are left out
}

interface Row {
  id: number;
  role: TranscriptEntry['role'];
  text: string;
  reply: string | null;
  at: number;
}

/** Transcript lines: what the user, the bot and agents said, masked before they got here. */
export class TranscriptRepo {
  constructor(private readonly sql: Sql) {}

  /** Appends one line and returns its id; bot and agent lines keep their quick replies, meta and language. */
  async append(conversationId: string, role: TranscriptEntry['role'], text: string, at: number, extra?: LineExtra): Promise<number> {
    const [id] = await this.appendAll(conversationId, [{ role, text, at, extra }]);
    return id!;
  }

  /** Appends a turn's lines with one statement and returns their ids in the order given. */
  async appendAll(conversationId: string, lines: readonly NewLine[]): Promise<number[]> {
    const rows = await insertRows<{ id: number }>(
      this.sql,
      'INSERT INTO transcript (conversation_id, role, text, reply, at)',
      lines.map((l) => [conversationId, l.role, l.text, extraJson(l.extra), l.at]),
      'RETURNING id',
    );
    // RETURNING promises no order; each row's id is larger than the one before it, so ascending ids are the order given.
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  /** The last `limit` lines (after line `afterId` when given), oldest first. */
  async lines(conversationId: string, limit = 200, afterId = 0): Promise<TranscriptEntry[]> {
    const rows = await this.sql.all<Row>('SELECT id, role, text, reply, at FROM transcript WHERE conversation_id = ? AND id > ? ORDER BY id DESC LIMIT ?', [
      conversationId,
      afterId,
      limit,
    ]);
    return rows
      .reverse()
      .map((r) => ({ id: r.id, role: r.role, text: r.text, at: r.at, ...(r.reply ? (JSON.parse(r.reply) as Partial<TranscriptEntry>) : {}) }));
  }
}
