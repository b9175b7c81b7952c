import { SqliteStore } from './sqlite.js';
import type { Logger } from '../log.js';
import type { Store } from './types.js';

export type { Store } from './types.js';

export interface StoreOptions {
  /** SQLite file, the embedded default. */
  file: string;
  /** `postgres://…`: several instances share one PostgreSQL database instead. */
  databaseUrl?: string;
  /** PostgreSQL connections this instance holds at most. */
  poolSize?: number;
  dayOf: (at: number) => string;
  log: Logger;
  /** Test only: keep each SQLite batch open this long. */
  holdBatchMs?: number;
}

/** Opens the configured store: PostgreSQL when a database URL is given (`pg` is loaded only then), else SQLite. */
export async function openStore(o: StoreOptions): Promise<Store> {
  if (o.databaseUrl) {
    const { PgStore } = await import('./postgres.js');
    return PgStore.open({ url: o.databaseUrl, dayOf: o.dayOf, poolSize: o.poolSize ?? 10, log: o.log });
  }
  return new SqliteStore({ file: o.file, dayOf: o.dayOf, holdBatchMs: o.holdBatchMs, log: o.log });
}
