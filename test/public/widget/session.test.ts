import { describe, expect, it } from 'vitest';
import { createSession } from '../../../public/widget/session.js';

/** A session over a fake server that issues w_1, w_2, … and a storage map. */
function setup(stored: string | null) {
  const counts = { asked: 0, renewed: 0 };
  const storage = new Map<string, string>(stored ? [['dbarai-chat-user', stored]] : []);
  const api = { session: () => Promise.resolve({ ok: true, status: 200, body: { user: `w_${++counts.asked}` }, code: null, text: null }) };
  const session = createSession(
    api as any,
    { get: (k) => storage.get(k) ?? null, set: (k, v) => (v === null ? storage.delete(k) : storage.set(k, v)) },
    () => counts.renewed++,
  );
  return { session, counts, storage };
}

describe('widget session', () => {
  it('keeps the stored id, and asks for one only once when there is none', async () => {
    expect(await setup('w_kept').session.ensure()).toBe('w_kept');
    const fresh = setup(null);
    expect(await Promise.all([fresh.session.ensure(), fresh.session.ensure()])).toEqual(['w_1', 'w_1']);
    expect(fresh.storage.get('dbarai-chat-user')).toBe('w_1');
    expect(fresh.counts).toEqual({ asked: 1, renewed: 0 });
  });

  it('replaces an expired id once, however many requests were refused with it', async () => {
    const { session, counts, storage } = setup('w_old');
    expect(await Promise.all([session.renew('w_old'), session.renew('w_old'), session.renew('w_old')])).toEqual(['w_1', 'w_1', 'w_1']);
    expect(counts).toEqual({ asked: 1, renewed: 1 });
    expect(storage.get('dbarai-chat-user')).toBe('w_1');
    expect(await session.renew('w_old')).toBe('w_1'); // a late refusal of the old id asks for nothing more
    expect(counts.asked).toBe(1);
  });
});
