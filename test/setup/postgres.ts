/**
 * Vitest global setup: says once, before any test, whether the PostgreSQL
 * suites run, and against what. A DATABASE_URL that does not answer fails
 * the run here, rather than as a hundred timeouts.
 */
import pg from 'pg';

export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('\nPostgreSQL suites: SKIPPED (DATABASE_URL is not set; .ci/run starts PostgreSQL and sets it). SQLite suites run.\n\n');
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const where = new URL(url);
    process.stderr.write(`\nPostgreSQL suites: on (PostgreSQL ${rows[0]?.server_version} at ${where.host}${where.pathname}).\n\n`);
  } catch (err) {
    throw new Error(`DATABASE_URL is set but PostgreSQL does not answer: ${(err as Error).message}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}
