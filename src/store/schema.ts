import type { Dialect } from './sql.js';

/** Column types that differ between the two engines. */
const TYPES: Record<Dialect, { id: string; big: string; real: string }> = {
  sqlite: { id: 'INTEGER PRIMARY KEY AUTOINCREMENT', big: 'INTEGER', real: 'REAL' },
  postgres: { id: 'BIGSERIAL PRIMARY KEY', big: 'BIGINT', real: 'DOUBLE PRECISION' },
};

/**
 * Schema migrations, applied in order (SQLite records how many ran in
 * `PRAGMA user_version`, PostgreSQL in `schema_migrations`). Never edit one
 * that has shipped: add the next.
 */
export function migrations(dialect: Dialect): string[] {
  const { id, big, real } = TYPES[dialect];
  return [
    `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE conversations (
       id TEXT PRIMARY KEY,
       channel TEXT NOT NULL,
       state TEXT NOT NULL,
       updated_at ${big} NOT NULL
     );
     CREATE TABLE transcript (
       id ${id},
       conversation_id TEXT NOT NULL,
       role TEXT NOT NULL CHECK (role IN ('user', 'bot', 'agent', 'system')),
       text TEXT NOT NULL,
       reply TEXT,
       at ${big} NOT NULL
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
       created_at ${big} NOT NULL,
       updated_at ${big} NOT NULL
     );
     CREATE UNIQUE INDEX one_open_ticket ON tickets (conversation_id) WHERE status IN ('waiting', 'claimed');
     CREATE INDEX tickets_by_status ON tickets (status, created_at);`,
    // Slack: where each Slack conversation is answered, where each ticket was posted
    // for agents, and the event ids already handled (Slack retries an event it thinks was lost).
    `CREATE TABLE slack_conversations (
       conversation_id TEXT PRIMARY KEY,
       channel TEXT NOT NULL,
       thread_ts TEXT,
       updated_at ${big} NOT NULL
     );
     CREATE TABLE slack_tickets (
       ticket_id TEXT PRIMARY KEY,
       channel TEXT NOT NULL,
       ts TEXT NOT NULL
     );
     CREATE UNIQUE INDEX slack_tickets_by_message ON slack_tickets (channel, ts);
     CREATE TABLE slack_events (event_id TEXT PRIMARY KEY, at ${big} NOT NULL);
     CREATE INDEX slack_events_by_at ON slack_events (at);`,
    // Agent rights (who holds a ticket, what happened to it) and the outcome events of analytics:
    // ids and labels only, never user text. `day` is the calendar day in AGENT_TZ.
    // `open_ask` is the troubleshooting question a conversation waits on, for the abandonment sweep.
    `ALTER TABLE tickets ADD COLUMN agent_name TEXT;
     CREATE TABLE ticket_events (
       id ${id},
       ticket_id TEXT NOT NULL,
       type TEXT NOT NULL,
       agent TEXT,
       agent_name TEXT,
       from_agent TEXT,
       at ${big} NOT NULL
     );
     CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
     ALTER TABLE conversations ADD COLUMN open_ask TEXT;
     CREATE INDEX conversations_waiting ON conversations (updated_at) WHERE open_ask IS NOT NULL;
     CREATE INDEX conversations_by_age ON conversations (updated_at);
     CREATE INDEX transcript_by_age ON transcript (at);
     CREATE TABLE events (
       id ${id},
       at ${big} NOT NULL,
       day TEXT NOT NULL,
       conversation_id TEXT NOT NULL,
       episode TEXT,
       channel TEXT NOT NULL,
       lang TEXT,
       type TEXT NOT NULL,
       name TEXT,
       value ${real},
       value_bh ${real}
     );
     CREATE INDEX events_by_day ON events (day, type);
     CREATE INDEX events_by_episode ON events (episode);`,
    // Analytics reads a period's events by day (the tally every figure folds from) and by type (the
    // funnel's distinct episodes, the ratings, agents' times). Each index holds the columns its reads
    // need, so a year of events is read from an index alone, never row by row from the table.
    // `events_tally` starts with the columns of `events_by_day`, which it replaces.
    `CREATE INDEX events_tally ON events (day, type, name, channel, lang, value);
     CREATE INDEX events_by_type ON events (type, day, name, channel, lang, value, value_bh, episode);
     DROP INDEX events_by_day;`,
    // The review inbox and the models it teaches. An item is one fingerprint (kept only as an HMAC,
    // `fingerprint`) with the masked text as first seen; an ignored fingerprint's HMAC outlives its
    // item in `review_ignored`. Each model version keeps its whole set of learned examples; version 0
    // is the shipped `intents/` alone, and exactly one version is active.
    `CREATE TABLE review_items (
       id ${id},
       fingerprint TEXT NOT NULL,
       text TEXT NOT NULL,
       lang TEXT NOT NULL,
       reason TEXT NOT NULL,
       intent TEXT NOT NULL,
       confidence ${real} NOT NULL,
       context TEXT NOT NULL,
       seen ${big} NOT NULL,
       first_at ${big} NOT NULL,
       last_at ${big} NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('new', 'labelled', 'ignored', 'applied')),
       label TEXT,
       labelled_by TEXT,
       labelled_at ${big},
       version ${big}
     );
     CREATE UNIQUE INDEX review_items_by_fingerprint ON review_items (fingerprint);
     CREATE INDEX review_items_by_status ON review_items (status, last_at);
     CREATE TABLE review_ignored (fingerprint TEXT PRIMARY KEY, at ${big} NOT NULL);
     CREATE TABLE model_versions (
       version ${big} PRIMARY KEY,
       created_at ${big} NOT NULL,
       agent TEXT NOT NULL,
       active INTEGER NOT NULL,
       figures TEXT
     );
     CREATE UNIQUE INDEX one_active_model ON model_versions (active) WHERE active = 1;
     INSERT INTO model_versions (version, created_at, agent, active, figures) VALUES (0, 0, 'intents/', 1, NULL);
     CREATE TABLE model_examples (
       id ${id},
       version ${big} NOT NULL,
       text TEXT NOT NULL,
       intent TEXT NOT NULL,
       lang TEXT NOT NULL
     );
     CREATE INDEX model_examples_by_version ON model_examples (version, id);
     CREATE TABLE training_runs (
       id ${id},
       at ${big} NOT NULL,
       agent TEXT NOT NULL,
       kind TEXT NOT NULL,
       result TEXT NOT NULL,
       version ${big},
       figures TEXT
     );`,
    // Several instances (PostgreSQL only: SQLite serves one process): the instances alive (a heartbeat),
    // one row per open websocket (where an agent's reply can be delivered), bus payloads too large for
    // NOTIFY, and the rate-limit counters every instance shares (rate-limiter-flexible's table).
    dialect === 'postgres'
      ? `CREATE TABLE instances (id TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
         CREATE TABLE presence (socket TEXT PRIMARY KEY, instance TEXT NOT NULL, conversation_id TEXT NOT NULL, at BIGINT NOT NULL);
         CREATE INDEX presence_by_conversation ON presence (conversation_id);
         CREATE INDEX presence_by_instance ON presence (instance);
         CREATE TABLE bus_payloads (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL, at BIGINT NOT NULL);
         CREATE INDEX bus_payloads_by_at ON bus_payloads (at);
         CREATE TABLE rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);`
      : '-- one process: nothing to share',
    // Events are written on every turn and read a period at a time: one index whose order follows time
    // (the day, then the instant) takes every new event at its right-hand end, where the two indexes
    // grouped by kind (migration 4) wrote to as many places per commit as there were kinds of event
    // (about 70 pages of 120 per batch). It holds every column the reads need, so a period is still
    // read from the index alone; the grouping is sorted at read time. No read looks events up by
    // episode: that index only cost a page per turn.
    `DROP INDEX events_tally;
     DROP INDEX events_by_type;
     DROP INDEX events_by_episode;
     CREATE INDEX events_in_time ON events (day, at, type, name, channel, lang, value, value_bh, episode);`,
  ];
}
