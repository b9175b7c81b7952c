/** Model versions on SQLite: each version's learned examples, one active version, version 0 for intents/ alone. */
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite.js';

const NOW = Date.UTC(2026, 5, 1, 3, 0);
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('model versions', () => {
  it('starts at version 0 (intents/ alone), keeps each version’s learned examples, and has one active version', async () => {
    const store = new SqliteStore({ file: ':memory:', dayOf });
    expect(await store.models.active()).toBe(0);
    const figures = { accuracy_before: 0.9, accuracy_after: 0.91, frozen: 10, items: 1, cv_before: null, cv_after: null };
    const v1 = await store.tx((r) => r.models.create({ agent: 'alice', at: NOW, examples: [{ text: 'a', intent: 'login_failed', lang: 'ja' }], figures }));
    const v2 = await store.tx((r) =>
      r.models.create({
        agent: 'alice',
        at: NOW,
        examples: [
          { text: 'a', intent: 'login_failed', lang: 'ja' },
          { text: 'b', intent: 'thanks', lang: 'en' },
        ],
        figures,
      }),
    );
    expect([v1, v2]).toEqual([1, 2]);
    expect(await store.models.active()).toBe(0); // created, not yet active
    await store.tx((r) => r.models.activate(v2));
    await store.tx((r) => r.models.activate(v1));
    expect(await store.models.active()).toBe(1);
    expect((await store.models.examples(2)).map((e) => e.text)).toEqual(['a', 'b']);
    expect((await store.models.versions()).map((v) => [v.version, v.active, v.examples])).toEqual([
      [2, false, 2],
      [1, true, 1],
      [0, false, 0],
    ]);
    await store.close();
  });
});
