/**
 * The review inbox and training API through the real server (webhook, agent
 * API, worker thread). Items are filed with the repository's `record` (the
 * engine's flags land separately; `inbox.e2e.test.ts` files them from real
 * turns). alice is an admin, bob is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authAs, metaOf, post, startServer, webUser } from '../helpers/server.js';
import { CLEAR_LOGIN_FAILURES } from '../helpers/review.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ AGENT_ADMINS: 'alice', AGENT_HOURS: '00:00-23:59', TRAINING_CV_FOLDS: '0' });
});
afterAll(async () => server.stop());

const ALICE = authAs('alice');
const BOB = authAs('bob');
const api = (path: string) => `${server.url}/agent/api${path}`;
const get = async (path: string, headers: Record<string, string> = ALICE) => {
  const res = await fetch(api(path), { headers });
  return { status: res.status, body: await res.json() };
};

/** A phrase today's model does not understand (out_of_scope), clearly a login failure. */
const PHRASE = 'my d barai is being stubborn and shuts the door on me';

/** Files a message in the inbox as a flagged turn would, and returns its item id. */
async function file(text: string, lang: 'ja' | 'en' = 'en'): Promise<number> {
  await server.core.store.tx((r) =>
    r.review.record({ text, lang, predicted: { intent: 'out_of_scope', confidence: 0.3 }, reason: 'out_of_scope', at: Date.now(), context: [] }),
  );
  const { body } = await get('/review?status=new&limit=500');
  return body.items.find((i: { text: string }) => i.text === text).id as number;
}

const label = (id: number, intent: string, who = BOB) => post(api(`/review/${id}`), { intent }, who);

describe('review inbox API', () => {
  it('lists items of a status with what an agent needs; 400 for an unknown status, 404 for an unknown item, 401 without a token', async () => {
    const id = await file('the weather app on my phone is nicer than this one');
    const { status, body } = await get('/review?status=new', BOB);
    expect(status).toBe(200);
    expect(body.items.find((i: { id: number }) => i.id === id)).toEqual({
      id,
      text: 'the weather app on my phone is nicer than this one',
      count: 1,
      lang: 'en',
      predicted: { intent: 'out_of_scope', confidence: 0.3 },
      reason: 'out_of_scope',
      lastAt: expect.any(Number),
      firstAt: expect.any(Number),
      context: [],
      status: 'new',
      label: null,
      labelledBy: null,
      version: null,
    });
    expect((await get('/review?status=done')).status).toBe(400);
    expect((await post(api('/review/999999'), { intent: 'thanks' }, BOB)).status).toBe(404);
    expect((await post(api('/review/abc'), { intent: 'thanks' }, BOB)).status).toBe(404);
    expect((await fetch(api('/review'))).status).toBe(401);
  });

  it('labels an item (any agent): 400 for an unknown intent or a bad body, 409 when the text is a shipped example of another intent', async () => {
    const id = await file('the door of the app stays shut for me');
    const unknown = await label(id, 'login_broken');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'bad_request', message: "unknown intent 'login_broken'", intents: expect.arrayContaining(['login_failed']) });
    expect((await post(api(`/review/${id}`), { intent: 'thanks', ignore: true }, BOB)).status).toBe(400);
    const ok = await label(id, 'login_failed');
    expect(ok.status).toBe(200);
    expect(ok.body.item).toMatchObject({ id, status: 'labelled', label: 'login_failed', labelledBy: 'bob' });
    expect((await get('/review?status=labelled')).body.items.map((i: { id: number }) => i.id)).toContain(id);
    // 「ログインできない」 is a shipped login_failed example; written in half-width kana with punctuation it is the same text.
    const shipped = await file('ﾛｸﾞｲﾝできない!!', 'ja');
    const clash = await label(shipped, 'thanks');
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ error: 'conflict', intent: 'login_failed' });
    expect((await label(shipped, 'login_failed')).status).toBe(200); // the same intent is no conflict
  });

  it('ignores an item for good: the fingerprint never comes back, and the item can no longer be labelled', async () => {
    const text = 'buy cheap watches at this shop';
    const id = await file(text);
    const ignored = await post(api(`/review/${id}`), { ignore: true }, BOB);
    expect(ignored.body.item).toMatchObject({ status: 'ignored', labelledBy: 'bob' });
    await server.core.store.tx((r) =>
      r.review.record({
        text: 'BUY cheap watches at this shop!!',
        lang: 'en',
        predicted: { intent: 'out_of_scope', confidence: 0.2 },
        reason: 'out_of_scope',
        at: Date.now(),
        context: [],
      }),
    );
    expect((await get('/review?status=new')).body.items.some((i: { text: string }) => /watches/i.test(i.text))).toBe(false);
    expect((await get('/review?status=ignored')).body.items.find((i: { id: number }) => i.id === id).count).toBe(1);
    expect((await label(id, 'out_of_scope')).status).toBe(409);
  });

  it('lets only admins apply and roll back (403 for anyone else)', async () => {
    for (const path of ['/training/apply', '/training/rollback']) {
      const r = await post(api(path), { version: 0 }, BOB);
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('forbidden');
    }
    expect((await get('/me', BOB)).body.admin).toBe(false);
    expect((await get('/me', ALICE)).body.admin).toBe(true);
  });
});

describe('applying labels to the running bot', { timeout: 120_000 }, () => {
  let version = 0;

  it('after labelling and an admin apply, the same phrase starts the troubleshooting dialog with no restart, and is in the export', async () => {
    const before = metaOf(await (await webUser(server.url)).say(PHRASE));
    expect(before.intent).toBe('out_of_scope');
    expect((await label(await file(PHRASE), 'login_failed')).status).toBe(200);
    const applied = await post(api('/training/apply'), {}, ALICE);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      applied: 3, // the phrase and the two items labelled above
      version: 1,
      accuracy_before: expect.any(Number),
      accuracy_after: expect.any(Number),
      frozen: expect.any(Number),
    });
    expect(applied.body.accuracy_after).toBeGreaterThanOrEqual(applied.body.accuracy_before - 0.01);
    version = applied.body.version as number;

    const after = metaOf(await (await webUser(server.url)).say(PHRASE));
    expect(after.intent).toBe('login_failed');
    expect(after.ask).toBeDefined(); // the dialog's first question

    const exported = await fetch(api('/training/export'), { headers: BOB });
    expect(exported.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ text: PHRASE, intent: 'login_failed', lang: 'en' });

    const status = (await get('/training', BOB)).body;
    expect(status).toMatchObject({ version, loaded: version, running: null, last_apply: { result: 'applied', agent: 'alice', version } });
    expect(status.versions[0]).toMatchObject({ version, active: true, examples: 3 });
    expect((await get('/review?status=applied')).body.items.find((i: { text: string }) => i.text === PHRASE)).toMatchObject({ version, label: 'login_failed' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain(`dbarai_model_version ${version}`);
    expect(metrics).toMatch(/dbarai_training_runs_total\{kind="apply",result="applied"\} 1/);
  });

  it('409 for a label that contradicts a learned example: the applied item cannot change, and the phrase written otherwise counts on it', async () => {
    const [item] = (await get('/review?status=applied')).body.items.filter((i: { text: string }) => i.text === PHRASE);
    const relabel = await label(item.id as number, 'thanks');
    expect(relabel.status).toBe(409);
    expect(relabel.body.error).toBe('conflict');
    await server.core.store.tx((r) =>
      r.review.record({
        text: 'My D Barai is being stubborn, and shuts the door on me...',
        lang: 'en',
        predicted: { intent: 'login_failed', confidence: 0.8 },
        reason: 'reask',
        at: Date.now(),
        context: [],
      }),
    );
    expect((await get('/review?status=new')).body.items.some((i: { text: string }) => /stubborn/.test(i.text))).toBe(false);
    expect((await get('/review?status=applied')).body.items.find((i: { id: number }) => i.id === item.id).count).toBe(item.count + 1);
  });

  it('refuses a second apply while one runs (409), and nothing to apply is a 409 too', async () => {
    expect((await post(api('/training/apply'), {}, ALICE)).body).toMatchObject({ error: 'conflict', message: expect.stringMatching(/no labelled/) });
    await label(await file('the d barai gatekeeper will not open up for me'), 'login_failed');
    const first = post(api('/training/apply'), {}, ALICE);
    await new Promise((r) => setTimeout(r, 100));
    const second = await post(api('/training/apply'), {}, ALICE);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'conflict', running: 'apply' });
    expect((await post(api('/training/rollback'), { version: 0 }, ALICE)).status).toBe(409);
    expect((await get('/training')).body.running).toBe('apply');
    const done = await first;
    expect(done.status).toBe(200);
    version = done.body.version as number;
  });

  it('rolls back to an earlier version and forward again (admins only), with no restart', async () => {
    expect((await post(api('/training/rollback'), { version: 99 }, ALICE)).status).toBe(404);
    expect((await post(api('/training/rollback'), { version: 'one' }, ALICE)).status).toBe(400);
    const back = await post(api('/training/rollback'), { version: 0 }, ALICE);
    expect(back.status).toBe(200);
    expect(back.body).toEqual({ version: 0, previous: version });
    expect(metaOf(await (await webUser(server.url)).say(PHRASE)).intent).toBe('out_of_scope');
    expect((await get('/training')).body).toMatchObject({ version: 0, loaded: 0 });
    expect(await (await fetch(api('/training/export'), { headers: ALICE })).text()).toBe('');
    expect((await post(api('/training/rollback'), { version }, ALICE)).body).toEqual({ version, previous: 0 });
    expect(metaOf(await (await webUser(server.url)).say(PHRASE)).intent).toBe('login_failed');
  });

  it('refuses with 422 and its figures a model that got worse (clear login failures labelled thanks), and the running model is unchanged', async () => {
    for (const text of CLEAR_LOGIN_FAILURES) expect((await label(await file(text), 'thanks')).status).toBe(200);
    const nlu = server.core.brain.nlu;
    const refused = await post(api('/training/apply'), {}, ALICE);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: 'model_worse',
      message: expect.stringMatching(/frozen set/),
      accuracy_before: expect.any(Number),
      accuracy_after: expect.any(Number),
    });
    expect(refused.body.accuracy_after).toBeLessThan(refused.body.accuracy_before - 0.01);
    expect(server.core.brain.nlu).toBe(nlu);
    expect((await get('/training')).body).toMatchObject({ version, loaded: version, last_apply: { result: 'refused', version: null } });
    expect(metaOf(await (await webUser(server.url)).say('d barai will not let me sign in')).intent).toBe('login_failed');
    expect((await get('/review?status=labelled&limit=500')).body.items).toHaveLength(36);
  });
});
