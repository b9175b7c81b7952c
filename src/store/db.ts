import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     channel TEXT NOT NULL,
     state TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE transcript (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('user', 'bot', 'agent', 'system')),
     text TEXT NOT NULL,
     reply TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX transcript_by_conversation ON transcript (conversation_id, id);
   CREATE TABLE tickets (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     lang TEXT NOT NULL,
     priority TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('waiting', 'claimed', 'closed', 'cancelled')),
     summary TEXT NOT NULL,
     agent TEXT,
     note TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX one_open_ticket ON tickets (conversation_id) WHERE status IN ('waiting', 'claimed');
   CREATE INDEX tickets_by_status ON tickets (status, created_at);`,
  // Slack channel: where each Slack conversation is answered, where each ticket was posted
  // for agents, and the event ids already handled (Slack retries an event it thinks was lost).
  `CREATE TABLE slack_conversations (
     conversation_id TEXT PRIMARY KEY,
     channel TEXT NOT NULL,
     thread_ts TEXT,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE slack_tickets (
     ticket_id TEXT PRIMARY KEY,
     channel TEXT NOT NULL,
     ts TEXT NOT NULL
   );
   CREATE UNIQUE INDEX slack_tickets_by_message ON slack_tickets (channel, ts);
   CREATE TABLE slack_events (event_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
   CREATE INDEX slack_events_by_at ON slack_events (at);`,
];

/**
 * Opens (creating if needed) the SQLite database in WAL mode and brings its
 * schema up to date. `synchronous = FULL` so that a reply the server sent is
 * on disk even if the machine loses power right after.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 3000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const done = db.pragma('user_version', { simple: true }) as number;
  for (let i = done; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

/** A value kept in the `meta` table, created by `make` the first time (the session secret, say). */
export function metaValue(db: Db, key: string, make: () => string): string {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (row) return row.value;
  const value = make();
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
  return value;
}
