/**
 * The analytics SQL is the SQL both engines share: the same known events give
 * the same reports on SQLite and on PostgreSQL (DATABASE_URL, in a schema of
 * its own that is dropped after; skipped without it).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../src/analytics/read.js';
import { dayIn } from '../../src/handoff/hours.js';
import { EventRepo, type EventFilter } from '../../src/store/repos/events.js';
import { migrations } from '../../src/store/schema.js';
import type { Sql } from '../../src/store/sql.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { SEED } from '../helpers/analytics-fixture.js';

const PG_URL = process.env.DATABASE_URL || undefined;
const dayOf = dayIn('Asia/Tokyo');
const SCHEMA = `analytics_test_${process.pid}`;

/** The `Sql` surface over one pg client: `?` placeholders numbered, one query at a time (a client runs one), rows as they come. */
const pgSql = (client: pg.Client): Sql => {
  let tail: Promise<unknown> = Promise.resolve();
  const query = (sql: string, params: readonly unknown[] = []) => {
    let i = 0;
    const run = tail.then(() =>
      client.query(
        sql.replace(/\?/g, () => `$${++i}`),
        [...params],
      ),
    );
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly unknown[]) => (await query(sql, params)).rowCount ?? 0,
  };
};

const FILTERS: EventFilter[] = [
  { from: '2026-11-10', to: '2026-11-11' },
  { from: '2026-11-01', to: '2026-11-14', channel: 'web' },
  { from: '2026-11-10', to: '2026-11-10', lang: 'en' },
];

describe.skipIf(!PG_URL)('analytics on PostgreSQL', () => {
  let client: pg.Client;
  let sqlite: SqliteStore;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${SCHEMA}; SET search_path TO ${SCHEMA}`);
    for (const step of migrations('postgres')) await client.query(step);
    await new EventRepo(pgSql(client), dayOf).add(SEED);
    sqlite = new SqliteStore({ file: ':memory:', dayOf });
    await sqlite.tx((r) => r.events.add(SEED));
  });
  afterAll(async () => {
    await client?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client?.end();
    await sqlite?.close();
  });

  it.each(FILTERS)('gives the report SQLite gives for %o', async (filter) => {
    const onPg = await readReport(new EventRepo(pgSql(client), dayOf), filter);
    expect(onPg).toEqual(await readReport(sqlite.events, filter));
    expect(onPg.conversations).toBeGreaterThan(0);
  });
});
