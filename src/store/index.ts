import { BotError } from '../core/errors.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type { Repos, Store, Purged } from './types.js';

export interface StoreOptions {
  /** SQLite file, the embedded default. */
  file: string;
  /** `postgres://…`: several instances share one PostgreSQL database instead. */
  databaseUrl?: string;
  dayOf: (at: number) => string;
  /** Test only: keep each SQLite batch open this long. */
  holdBatchMs?: number;
}

/** Opens the configured store: PostgreSQL when a database URL is given, else SQLite. */
export function openStore(o: StoreOptions): Promise<Store> {
  if (o.databaseUrl) return Promise.reject(new BotError('bad_config', 'DATABASE_URL: PostgreSQL is not available in this build'));
  return Promise.resolve(new SqliteStore({ file: o.file, dayOf: o.dayOf, holdBatchMs: o.holdBatchMs }));
}
