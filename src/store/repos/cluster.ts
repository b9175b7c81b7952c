import type { Sql } from '../sql.js';

/**
 * What instances sharing one PostgreSQL database know of each other: which
 * are alive (a heartbeat), which holds which user's sockets (a row per open
 * socket, so an agent's reply counts as delivered when any live instance
 * holds one), and bus payloads too large for NOTIFY's 8,000 bytes.
 */
export class ClusterRepo {
  constructor(private readonly sql: Sql) {}

  /** Marks an instance alive now. */
  async beat(instance: string, at: number): Promise<void> {
    await this.sql.run('INSERT INTO instances (id, seen_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at', [instance, at]);
  }

  async socketOpened(socket: string, instance: string, conversationId: string, at: number): Promise<void> {
    await this.sql.run('INSERT INTO presence (socket, instance, conversation_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (socket) DO NOTHING', [
      socket,
      instance,
      conversationId,
      at,
    ]);
  }

  async socketClosed(socket: string): Promise<void> {
    await this.sql.run('DELETE FROM presence WHERE socket = ?', [socket]);
  }

  /** Whether an instance seen since `aliveSince` holds a socket of the conversation. */
  async held(conversationId: string, aliveSince: number): Promise<boolean> {
    const row = await this.sql.get(
      'SELECT 1 AS held FROM presence p JOIN instances i ON i.id = p.instance WHERE p.conversation_id = ? AND i.seen_at >= ? LIMIT 1',
      [conversationId, aliveSince],
    );
    return row !== undefined;
  }

  /** Forgets instances not seen since `before` (killed ones) with their sockets, and bus payloads older than it; returns how many rows went. */
  async sweep(before: number): Promise<number> {
    let n = await this.sql.run('DELETE FROM presence WHERE instance IN (SELECT id FROM instances WHERE seen_at < ?)', [before]);
    n += await this.sql.run('DELETE FROM instances WHERE seen_at < ?', [before]);
    n += await this.sql.run('DELETE FROM bus_payloads WHERE at < ?', [before]);
    return n;
  }

  /** Sends a notification to every connection listening on `channel`. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.sql.get('SELECT pg_notify(?, ?)', [channel, payload]);
  }

  /** Keeps a bus payload too large to notify; returns its id. */
  async keep(payload: string, at: number): Promise<number> {
    return (await this.sql.get<{ id: number }>('INSERT INTO bus_payloads (payload, at) VALUES (?, ?) RETURNING id', [payload, at]))!.id;
  }

  async payload(id: number): Promise<string | undefined> {
    return (await this.sql.get<{ payload: string }>('SELECT payload FROM bus_payloads WHERE id = ?', [id]))?.payload;
  }
}
