import type { Sql } from '../sql.js';

/** Values kept in the `meta` table, shared by every process on the database (the session secret, the generated agent token). */
export class MetaRepo {
  constructor(private readonly sql: Sql) {}

  /** The value of `key`, created with `make` the first time; two processes racing get the same value. */
  async value(key: string, make: () => string): Promise<string> {
    await this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, make()]);
    const row = await this.sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
    return row!.value;
  }
}
