/**
 * The small SQL surface every repository is written against, so one set of
 * queries serves SQLite (better-sqlite3) and PostgreSQL (pg). Queries use `?`
 * placeholders and the SQL both engines share (`INSERT … RETURNING`,
 * `ON CONFLICT`, partial indexes); the PostgreSQL executor numbers the
 * placeholders. Integers are JavaScript numbers on both (ms timestamps fit).
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Sql {
  readonly dialect: Dialect;
  /** Every row the query returns. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** ` FOR UPDATE` on PostgreSQL (a row lock for the rest of the transaction); nothing on SQLite, where a transaction already holds the one write lock. */
export const forUpdate = (sql: Sql, lock: boolean | undefined): string => (lock && sql.dialect === 'postgres' ? ' FOR UPDATE' : '');

/** Rows one INSERT takes at most: a turn's rows in one statement, and one cached statement per row count. */
const ROWS_PER_INSERT = 8;

/** Statement texts by head and returning clause, then by row count: built once each (they run on every turn). */
const insertTexts = new Map<string, Map<string, string[]>>();

function insertText(head: string, width: number, count: number, returning = ''): string {
  let byReturning = insertTexts.get(head);
  if (!byReturning) insertTexts.set(head, (byReturning = new Map<string, string[]>()));
  let byCount = byReturning.get(returning);
  if (!byCount) byReturning.set(returning, (byCount = []));
  const known = byCount[count];
  if (known) return known;
  const row = `(${new Array<string>(width).fill('?').join(', ')})`;
  return (byCount[count] = `${head} VALUES ${new Array<string>(count).fill(row).join(', ')}${returning ? ` ${returning}` : ''}`);
}

/**
 * Inserts rows (each a list of values for `head`'s columns) with as few
 * statements as it takes. `head` is `INSERT INTO t (a, b, …)`; with
 * `returning` (e.g. `RETURNING id`) it resolves to the returned rows, else to [].
 */
export async function insertRows<T = never>(sql: Sql, head: string, rows: readonly (readonly unknown[])[], returning?: string): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const some = rows.slice(i, i + ROWS_PER_INSERT);
    const text = insertText(head, some[0]!.length, some.length, returning);
    if (returning) out.push(...(await sql.all<T>(text, some.flat())));
    else await sql.run(text, some.flat());
  }
  return out;
}
