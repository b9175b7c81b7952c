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
