/**
 * Turns keep their latency while an admin applies: the retrain (two models
 * trained, the frozen set scored, 3-fold cross-validation of each: eight
 * trainings) runs in a worker thread. Measured through the real server and
 * webhook: turn latency before and during the apply (and the event loop's
 * longest delay, reported), against the time one training takes on this
 * thread. Had the apply trained here, turns would queue behind trainings
 * back to back: most would wait a good part of one.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Nlu } from '../../src/nlu/index.js';
import { authAs, post, startServer, webUser } from '../helpers/server.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ AGENT_ADMINS: 'alice', TRAINING_CV_FOLDS: '3', RATE_LIMIT_PER_MINUTE: '0' });
});
afterAll(async () => server.stop());

const ALICE = authAs('alice');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

describe('turn latency during an apply', () => {
  it('stays at its usual level while the worker retrains: turns do not queue behind trainings', { timeout: 180_000 }, async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => webUser(server.url)));
    const texts = ['こんにちは', 'd払いにログインできない', 'ドコモです', 'hello'];
    let n = 0;
    /** One turn's latency, in ms. */
    const timedTurn = async () => {
      const i = n++;
      const started = performance.now();
      await users[i % users.length]!.say(texts[i % texts.length]!);
      return performance.now() - started;
    };
    for (let i = 0; i < 8; i++) await timedTurn(); // warm-up
    const baseline: number[] = [];
    for (let i = 0; i < 40; i++) baseline.push(await timedTurn());

    await server.core.store.tx((r) =>
      r.review.record({
        text: 'the d barai gate stays closed for me',
        lang: 'en',
        predicted: { intent: 'out_of_scope', confidence: 0.3 },
        reason: 'out_of_scope',
        at: Date.now(),
        context: [],
      }),
    );
    const [item] = await server.core.store.review.list('new');
    await server.core.inbox.label(item!.id, 'login_failed', 'alice');

    const loop = monitorEventLoopDelay({ resolution: 5 });
    const during: number[] = [];
    let done = false;
    const started = performance.now();
    loop.enable();
    const apply = post(`${server.url}/agent/api/training/apply`, {}, ALICE).finally(() => (done = true));
    while (!done) {
      during.push(await timedTurn());
      await new Promise((r) => setTimeout(r, 10));
    }
    loop.disable();
    const applyMs = performance.now() - started;
    expect((await apply).status).toBe(200);

    const trainStart = performance.now();
    new Nlu(); // what one training costs on this thread
    const trainMs = performance.now() - trainStart;

    const figures = `turns: baseline p50 ${pct(baseline, 50).toFixed(1)} ms, p99 ${pct(baseline, 99).toFixed(1)} ms; during the ${Math.round(applyMs)} ms apply (${during.length} turns) p50 ${pct(during, 50).toFixed(1)} ms, p95 ${pct(during, 95).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms; event loop max delay ${(loop.max / 1e6).toFixed(1)} ms; one training on this thread ${Math.round(trainMs)} ms`;
    expect(applyMs, figures).toBeGreaterThan(3 * trainMs); // the apply did several trainings' worth of work…
    expect(during.length, figures).toBeGreaterThanOrEqual(10); // …while turns kept being answered,
    expect(pct(during, 95), figures).toBeLessThan(trainMs / 2); // hardly any waiting even half a training,
    expect(pct(during, 50), figures).toBeLessThan(Math.max(3 * pct(baseline, 50), 20)); // the typical turn as quick as before.
    process.stderr.write(`latency during apply: ${figures}\n`);
  });
});
