/**
 * The PostgreSQL the tests use: `DATABASE_URL` (CI sets it, see `.ci/run`).
 * Without it the PostgreSQL suites are skipped, and say why in their names;
 * with it, each test file works in a database of its own, dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.DATABASE_URL || undefined;
export const PG_SKIP_REASON = 'DATABASE_URL is not set; .ci/run starts PostgreSQL and sets it';

/** A suite's name, with the reason it is skipped when there is no PostgreSQL. */
export const pgSuite = (name: string): string => (PG_URL ? name : `${name} [SKIPPED: ${PG_SKIP_REASON}]`);

/** Runs one statement on the server's maintenance connection (CREATE / DROP DATABASE). */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server; `drop` removes it (closing what still uses it). */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error(PG_SKIP_REASON);
  const name = `dbarai_t_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(name) };
}

/** Drops a test database; a few tries (autovacuum may be at work in it), then it is left for the next CI machine: never a test failure. */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      return await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
