/**
 * SQLite stays the embedded default, untouched by the PostgreSQL code: with
 * no DATABASE_URL the bot never loads `pg` (this file imports nothing that
 * does, so the module cache tells).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { tempDb } from '../helpers/server.js';

describe('without DATABASE_URL', () => {
  it('runs on SQLite, alone (a local bus, no presence), and never loads pg', async () => {
    const core = await assemble(loadConfig({ BOT_DB: tempDb(), LOG_LEVEL: 'silent' }), { defaultMetrics: false });
    try {
      expect(core.store.dialect).toBe('sqlite');
      expect(core.store.shared).toBeUndefined();
      expect(core.bus.distributed).toBe(false);
      expect(core.presence).toBeUndefined();
      const r = await core.bot.handle({ conversationId: 'c1', channel: 'web', text: 'd払いにログインできません', at: Date.now() });
      expect(r.replies.length).toBeGreaterThan(0);
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => /node_modules\/pg\//.test(path));
      expect(loaded).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
