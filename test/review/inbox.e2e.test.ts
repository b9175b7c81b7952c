/**
 * The whole loop with the real engine, through the real server and webhook:
 * an unknown phrase sent by two users is one inbox item with count 2; an agent
 * labels it a login failure, an admin applies, and the same phrase starts the
 * troubleshooting dialog with no restart, and is in the export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authAs, metaOf, post, startServer, webUser } from '../helpers/server.js';

const PHRASE = 'my d barai is being stubborn and shuts the door on me';
const ALICE = authAs('alice');
const BOB = authAs('bob');

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ AGENT_ADMINS: 'alice', TRAINING_CV_FOLDS: '0' });
});
afterAll(async () => server.stop());

describe('review inbox, end to end', { timeout: 120_000 }, () => {
  it('an unknown phrase from two users is one item with count 2; once labelled login_failed and applied, it starts the troubleshooting dialog and is exported', async () => {
    const api = (path: string) => `${server.url}/agent/api${path}`;
    for (const u of [await webUser(server.url), await webUser(server.url)]) expect(metaOf(await u.say(PHRASE)).intent).toBe('out_of_scope');
    const items = ((await (await fetch(api('/review?status=new'), { headers: BOB })).json()) as { items: { id: number; text: string; count: number }[] }).items;
    const mine = items.filter((i) => i.text === PHRASE);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ count: 2, reason: 'out_of_scope', predicted: { intent: 'out_of_scope' } });

    expect((await post(api(`/review/${mine[0]!.id}`), { intent: 'login_failed' }, BOB)).status).toBe(200);
    const applied = await post(api('/training/apply'), {}, ALICE);
    expect(applied.status).toBe(200);

    const replies = await (await webUser(server.url)).say(PHRASE);
    expect(metaOf(replies)).toMatchObject({ intent: 'login_failed', ask: expect.any(String) });
    const exported = await (await fetch(api('/training/export'), { headers: BOB })).text();
    expect(
      exported
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toContainEqual({ text: PHRASE, intent: 'login_failed', lang: 'en' });
  });
});
