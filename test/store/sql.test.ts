import { describe, expect, it } from 'vitest';
import { forUpdate, type Dialect, type Sql } from '../../src/store/sql.js';

const on = (dialect: Dialect) => ({ dialect }) as Sql;

describe('forUpdate', () => {
  it('locks the rows read on PostgreSQL when asked', () => {
    expect(`SELECT * FROM tickets WHERE id = ?${forUpdate(on('postgres'), true)}`).toBe('SELECT * FROM tickets WHERE id = ? FOR UPDATE');
  });

  it.each([
    ['postgres', false],
    ['postgres', undefined],
    ['sqlite', true], // a transaction already holds SQLite's one write lock
    ['sqlite', false],
  ] as const)('adds nothing on %s with lock %s', (dialect, lock) => {
    expect(forUpdate(on(dialect), lock)).toBe('');
  });
});
