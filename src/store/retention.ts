import type { Sql } from './sql.js';
import type { Purged } from './types.js';

/**
 * Every copy of user text older than `before` goes: transcript lines, saved
 * states (they hold the first message), Slack conversation rows, tickets that
 * ended (with their events), and the summary text and note of tickets still
 * open, and review inbox items never applied (applied ones lose their context
 * lines). Analytics events hold ids and labels only and stay.
 */
export async function purgeUserText(sql: Sql, before: number): Promise<Purged> {
  const out: Purged = {};
  out.transcript = await sql.run('DELETE FROM transcript WHERE at < ?', [before]);
  out.conversations = await sql.run('DELETE FROM conversations WHERE updated_at < ?', [before]);
  out.slack_conversations = await sql.run('DELETE FROM slack_conversations WHERE updated_at < ?', [before]);
  out.ticket_events = await sql.run(
    "DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE status IN ('closed', 'cancelled') AND updated_at < ?)",
    [before],
  );
  out.slack_tickets = await sql.run(
    "DELETE FROM slack_tickets WHERE ticket_id IN (SELECT id FROM tickets WHERE status IN ('closed', 'cancelled') AND updated_at < ?)",
    [before],
  );
  out.tickets = await sql.run("DELETE FROM tickets WHERE status IN ('closed', 'cancelled') AND updated_at < ?", [before]);
  const old = await sql.all<{ id: string; summary: string }>('SELECT id, summary FROM tickets WHERE created_at < ? AND (note IS NOT NULL OR summary LIKE ?)', [
    before,
    '%"firstMessage"%',
  ]);
  for (const t of old) {
    const { firstMessage: _gone, ...summary } = JSON.parse(t.summary) as { firstMessage?: string };
    await sql.run('UPDATE tickets SET summary = ?, note = NULL WHERE id = ?', [JSON.stringify(summary), t.id]);
  }
  out.tickets_scrubbed = old.length;
  // Review inbox: items never applied go (an ignored fingerprint stays, as its HMAC only, in review_ignored);
  // applied items are training data a person chose and stay, without the lines around them.
  out.review_items = await sql.run("DELETE FROM review_items WHERE status <> 'applied' AND last_at < ?", [before]);
  out.review_context = await sql.run("UPDATE review_items SET context = '[]' WHERE status = 'applied' AND last_at < ? AND context <> '[]'", [before]);
  return out;
}
