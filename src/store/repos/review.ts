import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Intent, Lang, ReviewReason } from '../../core/types.js';
import { fingerprint } from '../../review/fingerprint.js';
import { ContextLineSchema, type ContextLine, type ReviewStatus } from '../../review/types.js';
import { forUpdate, type Sql } from '../sql.js';
import type { MetaRepo } from './meta.js';

/** New fingerprints are refused once this many items wait unlabelled, so a flood cannot grow the inbox without limit. */
const MAX_NEW_ITEMS = 5000;

/** One message the bot failed to understand, as the bot reports it (text and context already masked). */
export interface ReviewRecord {
  text: string;
  lang: Lang;
  predicted: { intent: Intent; confidence: number };
  reason: ReviewReason;
  at: number;
  context: ContextLine[];
}

/** What `record` did: a new item, one more sighting of an item, or nothing (ignored fingerprint, full inbox, nothing left to compare). */
export type Recorded = 'new' | 'counted' | 'ignored' | 'full' | 'empty';

/** An inbox item: a group of messages with one fingerprint. */
export interface ReviewItem {
  id: number;
  /** The masked message as first seen. */
  text: string;
  count: number;
  lang: Lang;
  predicted: { intent: Intent; confidence: number };
  reason: ReviewReason;
  firstAt: number;
  lastAt: number;
  context: ContextLine[];
  status: ReviewStatus;
  /** The intent an agent gave it (labelled and applied items). */
  label: Intent | null;
  labelledBy: string | null;
  /** The model version that learned it (applied items). */
  version: number | null;
}

interface Row {
  id: number;
  text: string;
  lang: Lang;
  reason: ReviewReason;
  intent: Intent;
  confidence: number;
  context: string;
  seen: number;
  first_at: number;
  last_at: number;
  status: ReviewStatus;
  label: Intent | null;
  labelled_by: string | null;
  version: number | null;
}

const Context = z.array(ContextLineSchema);

const toItem = (r: Row): ReviewItem => ({
  id: Number(r.id),
  text: r.text,
  count: Number(r.seen),
  lang: r.lang,
  predicted: { intent: r.intent, confidence: Number(r.confidence) },
  reason: r.reason,
  firstAt: Number(r.first_at),
  lastAt: Number(r.last_at),
  context: Context.catch([]).parse(JSON.parse(r.context)),
  status: r.status,
  label: r.label,
  labelledBy: r.labelled_by,
  version: r.version === null ? null : Number(r.version),
});

const COLUMNS = 'id, text, lang, reason, intent, confidence, context, seen, first_at, last_at, status, label, labelled_by, version';

/**
 * The review inbox: messages the bot failed to understand, grouped by
 * fingerprint. The fingerprint itself is never stored, only its HMAC under a
 * secret kept in `meta`, so an ignored fingerprint can be recognised for ever
 * after its item (and text) is gone. Statuses move new → labelled → applied,
 * or to ignored, which is final.
 */
export class ReviewRepo {
  private secret: string | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly meta: MetaRepo,
    private readonly maxNew = MAX_NEW_ITEMS,
  ) {}

  /** The keyed hash that stands for a text's fingerprint, or undefined when nothing of the text is left to compare. */
  private async keyOf(text: string): Promise<string | undefined> {
    const fp = fingerprint(text);
    if (!fp) return undefined;
    this.secret ??= await this.meta.value('review_secret', () => randomBytes(32).toString('base64url'));
    return createHmac('sha256', this.secret).update(fp).digest('base64url');
  }

  /** Adds one sighting: counts it on its fingerprint's item (latest prediction and context), or opens a new item. */
  async record(r: ReviewRecord): Promise<Recorded> {
    const key = await this.keyOf(r.text);
    if (!key) return 'empty';
    if (await this.sql.get('SELECT 1 AS x FROM review_ignored WHERE fingerprint = ?', [key])) return 'ignored';
    const context = JSON.stringify(r.context);
    const counted = await this.sql.run(
      `UPDATE review_items SET seen = seen + 1,
         intent = CASE WHEN last_at <= ? THEN ? ELSE intent END,
         confidence = CASE WHEN last_at <= ? THEN ? ELSE confidence END,
         context = CASE WHEN last_at <= ? THEN ? ELSE context END,
         last_at = CASE WHEN last_at <= ? THEN ? ELSE last_at END
       WHERE fingerprint = ? AND status <> 'ignored'`,
      [r.at, r.predicted.intent, r.at, r.predicted.confidence, r.at, context, r.at, r.at, key],
    );
    if (counted) return 'counted';
    if ((await this.count('new')) >= this.maxNew) return 'full';
    await this.sql.run(
      `INSERT INTO review_items (fingerprint, text, lang, reason, intent, confidence, context, seen, first_at, last_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'new')
       ON CONFLICT (fingerprint) DO UPDATE SET seen = review_items.seen + 1`,
      [key, r.text, r.lang, r.reason, r.predicted.intent, r.predicted.confidence, context, r.at, r.at],
    );
    return 'new';
  }

  /** How many items have a status. */
  async count(status: ReviewStatus): Promise<number> {
    return Number((await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM review_items WHERE status = ?', [status]))?.n ?? 0);
  }

  /** Items of a status, the most frequent first, then the most recent. */
  async list(status: ReviewStatus, limit = 100): Promise<ReviewItem[]> {
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM review_items WHERE status = ? ORDER BY seen DESC, last_at DESC, id LIMIT ?`, [status, limit]);
    return rows.map(toItem);
  }

  /** One item; with `lock` (PostgreSQL) its row stays locked until the transaction ends. */
  async get(id: number, lock = false): Promise<ReviewItem | undefined> {
    const row = await this.sql.get<Row>(`SELECT ${COLUMNS} FROM review_items WHERE id = ?${forUpdate(this.sql, lock)}`, [id]);
    return row && toItem(row);
  }

  /** Gives an item (new or labelled) its intent. */
  async label(id: number, intent: Intent, agent: string, at: number): Promise<void> {
    await this.sql.run(
      "UPDATE review_items SET status = 'labelled', label = ?, labelled_by = ?, labelled_at = ? WHERE id = ? AND status IN ('new', 'labelled')",
      [intent, agent, at, id],
    );
  }

  /** Ignores an item for good: its fingerprint's HMAC is kept, so the message never comes back. */
  async ignore(id: number, agent: string, at: number): Promise<void> {
    const row = await this.sql.get<{ fingerprint: string }>("SELECT fingerprint FROM review_items WHERE id = ? AND status IN ('new', 'labelled')", [id]);
    if (!row) return;
    await this.sql.run('INSERT INTO review_ignored (fingerprint, at) VALUES (?, ?) ON CONFLICT (fingerprint) DO NOTHING', [row.fingerprint, at]);
    await this.sql.run("UPDATE review_items SET status = 'ignored', label = NULL, labelled_by = ?, labelled_at = ? WHERE id = ?", [agent, at, id]);
  }

  /** Every labelled item, oldest label first: what the next apply teaches. */
  async labelled(limit = 10_000): Promise<ReviewItem[]> {
    return (await this.sql.all<Row>(`SELECT ${COLUMNS} FROM review_items WHERE status = 'labelled' ORDER BY labelled_at, id LIMIT ?`, [limit])).map(toItem);
  }

  /** Marks items applied in a version, each only if it still holds the label the model learned. Returns how many. */
  async markApplied(items: readonly { id: number; label: Intent }[], version: number): Promise<number> {
    let n = 0;
    for (const it of items) {
      n += await this.sql.run("UPDATE review_items SET status = 'applied', version = ? WHERE id = ? AND status = 'labelled' AND label = ?", [
        version,
        it.id,
        it.label,
      ]);
    }
    return n;
  }
}
