/**
 * The training service with the worker replaced by in-process stand-ins:
 * a failed retrain leaves the running model, one apply at a time, a refused
 * apply changes nothing, and a version another instance activated is rebuilt
 * here when the bus says so.
 */
import { describe, expect, it } from 'vitest';
import { LocalBus } from '../../src/bus.js';
import { BotError } from '../../src/core/errors.js';
import { createBrain } from '../../src/dialog/index.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { Nlu } from '../../src/nlu/index.js';
import { loadTrainingData } from '../../src/nlu/training.js';
import { ReviewInbox } from '../../src/review/inbox.js';
import { runJob, type RetrainJob, type RetrainResult } from '../../src/review/retrain.js';
import type { Retrain } from '../../src/review/trainer.js';
import { Training } from '../../src/review/training.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDb } from '../helpers/server.js';

const shipped = loadTrainingData();
const nlu = new Nlu({ examples: shipped });
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
const PHRASE = 'my d barai is being stubborn and shuts the door on me';

/** A training service over a fresh in-memory store, with `retrain` standing in for the worker. */
function setup(retrain: Retrain) {
  const store = new SqliteStore({ file: ':memory:', dayOf });
  const brain = createBrain({ nlu });
  const bus = new LocalBus();
  const metrics = new Metrics({ defaults: false });
  const training = new Training({
    store,
    brain,
    bus,
    log: silentLogger,
    metrics,
    version: 0,
    folds: 0,
    frozen: [{ text: 'ログインできない', intent: 'login_failed' }],
    retrain,
  });
  training.listen();
  const inbox = new ReviewInbox(store, shipped);
  const labelled = async (text: string, intent: 'login_failed' | 'thanks') => {
    await store.tx((r) =>
      r.review.record({ text, lang: 'en', predicted: { intent: 'out_of_scope', confidence: 0.3 }, reason: 'out_of_scope', at: 1, context: [] }),
    );
    const item = (await store.review.list('new')).find((i) => i.text === text)!;
    return inbox.label(item.id, intent, 'alice');
  };
  return { store, brain, bus, metrics, training, inbox, labelled };
}

/** The worker's own job, run in this thread (slower, same answer). */
const inProcess: Retrain = (job) => Promise.resolve(runJob(job, () => undefined, shipped));

/** A retrain that waits until released. */
function held(): { retrain: Retrain; release: () => void; started: Promise<void> } {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const began = new Promise<void>((r) => (started = r));
  return {
    retrain: async (job: RetrainJob): Promise<RetrainResult> => {
      started();
      await gate;
      return runJob(job, () => undefined, shipped);
    },
    release,
    started: began,
  };
}

describe('model training service', () => {
  it('leaves the running model, the items and the active version as they were when the retrain fails, and can apply again', async () => {
    let fail = true;
    const { store, brain, training, labelled, metrics } = setup((job, progress) =>
      fail ? Promise.reject(new Error('worker crashed')) : inProcess(job, progress),
    );
    await labelled(PHRASE, 'login_failed');
    const before = brain.nlu;
    const err = await training.apply('alice').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BotError);
    expect((err as BotError).code).toBe('internal');
    expect(brain.nlu).toBe(before);
    expect(await store.models.active()).toBe(0);
    expect(await store.review.count('labelled')).toBe(1);
    expect((await training.status()).last_apply).toMatchObject({ result: 'failed', version: null });
    expect(await metrics.render()).toMatch(/dbarai_training_runs_total\{kind="apply",result="failed"\} 1/);
    fail = false;
    expect(await training.apply('alice')).toMatchObject({ applied: 1, version: 1 });
    expect(brain.nlu).not.toBe(before);
    expect(brain.nlu.understand(PHRASE).intent).toBe('login_failed');
  });

  it('runs one apply or rollback at a time: another is refused with conflict while one runs', async () => {
    const h = held();
    const { training, labelled } = setup(h.retrain);
    await labelled(PHRASE, 'login_failed');
    const first = training.apply('alice');
    await h.started;
    await expect(training.apply('bob')).rejects.toMatchObject({ code: 'conflict' });
    await expect(training.rollback(0, 'bob')).rejects.toMatchObject({ code: 'conflict' });
    expect((await training.status()).running).toBe('apply');
    h.release();
    expect(await first).toMatchObject({ version: 1 });
    expect((await training.status()).running).toBeNull();
  });

  it('refuses (model_worse) a model whose frozen-set accuracy falls by more than a point, and changes nothing', async () => {
    const { store, brain, training, labelled } = setup(async (job, progress) => {
      const real = await inProcess(job, progress);
      return { ...real, figures: { ...real.figures!, accuracy_before: 0.95, accuracy_after: 0.939 } };
    });
    await labelled(PHRASE, 'login_failed');
    const before = brain.nlu;
    const err = (await training.apply('alice').catch((e: unknown) => e)) as BotError;
    expect(err.code).toBe('model_worse');
    expect(err.details).toMatchObject({ accuracy_before: 0.95, accuracy_after: 0.939 });
    expect(brain.nlu).toBe(before);
    expect(await store.models.active()).toBe(0);
    expect(await store.review.count('labelled')).toBe(1);
    expect((await training.status()).last_apply).toMatchObject({ result: 'refused', figures: { accuracy_after: 0.939 } });
  });

  it('judges an apply on the committed set and what the running model was taught: after a rollback, the examples of the version left behind are out', async () => {
    const jobs: Extract<RetrainJob, { kind: 'compare' }>[] = []; // the applies' jobs (a rollback only builds)
    const { training, labelled } = setup(async (job, progress) => {
      if (job.kind === 'compare') jobs.push(job);
      return inProcess(job, progress);
    });
    await labelled(PHRASE, 'login_failed');
    await training.apply('alice');
    await labelled('the d barai app keeps failing at login', 'login_failed');
    await training.apply('alice');
    expect(jobs[1]!.frozen.map((l) => l.text)).toEqual(['ログインできない', PHRASE]); // version 1 taught PHRASE
    await training.rollback(0, 'alice');
    await labelled('d barai refuses my login', 'login_failed');
    await training.apply('alice');
    expect(jobs[2]!.frozen.map((l) => l.text)).toEqual(['ログインできない']); // versions 1 and 2 were left behind
  });

  it('rebuilds a version another instance activated when the bus announces it, and ignores its own', async () => {
    const { store, brain, bus, training } = setup(inProcess);
    const version = await store.tx(async (r) => {
      const v = await r.models.create({
        agent: 'elsewhere',
        at: 1,
        examples: [{ text: PHRASE, intent: 'login_failed', lang: 'en' }],
        figures: { accuracy_before: 1, accuracy_after: 1, frozen: 1, items: 1, cv_before: null, cv_after: null },
      });
      await r.models.activate(v);
      return v;
    });
    const before = brain.nlu;
    bus.publish('model', { version: 0 }); // the version loaded here: nothing to do
    await training.settled();
    expect(brain.nlu).toBe(before);
    bus.publish('model', { version });
    await training.settled();
    expect(training.loaded).toBe(version);
    expect(brain.nlu).not.toBe(before);
    expect(brain.nlu.understand(PHRASE).intent).toBe('login_failed');
  });
});

describe('several instances', { timeout: 120_000 }, () => {
  it('an apply on one instance reaches another through the bus: it rebuilds the version from the shared database; so does a rollback', async () => {
    const file = tempDb();
    const bus = new LocalBus(); // stands for the PostgreSQL bus both instances listen to
    const instance = () => {
      const store = new SqliteStore({ file, dayOf });
      const brain = createBrain({ nlu });
      const training = new Training({
        store,
        brain,
        bus,
        log: silentLogger,
        version: 0,
        folds: 0,
        frozen: [{ text: 'ログインできない', intent: 'login_failed' }],
        retrain: inProcess,
      });
      training.listen();
      return { store, brain, training };
    };
    const a = instance();
    const b = instance();
    const heard: number[] = [];
    bus.subscribe('model', ({ version }) => heard.push(version));
    await a.store.tx((r) =>
      r.review.record({ text: PHRASE, lang: 'en', predicted: { intent: 'out_of_scope', confidence: 0.3 }, reason: 'out_of_scope', at: 1, context: [] }),
    );
    const [item] = await a.store.review.list('new');
    await new ReviewInbox(a.store, shipped).label(item!.id, 'login_failed', 'alice');
    expect(b.brain.nlu.understand(PHRASE).intent).toBe('out_of_scope');
    const { version } = await a.training.apply('alice');
    await b.training.settled();
    expect(heard).toEqual([version]);
    expect(b.training.loaded).toBe(version);
    expect(b.brain.nlu.understand(PHRASE).intent).toBe('login_failed');
    await a.training.rollback(0, 'alice');
    await b.training.settled();
    expect(heard).toEqual([version, 0]);
    expect([a.training.loaded, b.training.loaded]).toEqual([0, 0]);
    expect(b.brain.nlu.understand(PHRASE).intent).toBe('out_of_scope');
    await a.store.close();
    await b.store.close();
  });
});

describe('review inbox labels', () => {
  it('409 for a label that contradicts a learned example of the active version, compared normalised', async () => {
    const { store, inbox } = setup(inProcess);
    await store.tx(async (r) => {
      const v = await r.models.create({
        agent: 'alice',
        at: 1,
        examples: [{ text: 'the login gate stays shut', intent: 'login_failed', lang: 'en' }],
        figures: { accuracy_before: 1, accuracy_after: 1, frozen: 1, items: 1, cv_before: null, cv_after: null },
      });
      await r.models.activate(v);
    });
    await store.tx((r) =>
      r.review.record({
        text: 'The login gate stays SHUT!',
        lang: 'en',
        predicted: { intent: 'out_of_scope', confidence: 0.3 },
        reason: 'reask',
        at: 1,
        context: [],
      }),
    );
    const [item] = await store.review.list('new');
    await expect(inbox.label(item!.id, 'thanks', 'bob')).rejects.toMatchObject({ code: 'conflict', details: { intent: 'login_failed' } });
    expect((await inbox.label(item!.id, 'login_failed', 'bob')).status).toBe('labelled');
  });

  it('400 for an item with nothing left to learn once its masks are out, or longer than a training example may be', async () => {
    const { store, inbox } = setup(inProcess);
    const file = (text: string) =>
      store.tx((r) =>
        r.review.record({ text, lang: 'ja', predicted: { intent: 'out_of_scope', confidence: 0.3 }, reason: 'out_of_scope', at: 1, context: [] }),
      );
    await file('[phone number]');
    await file('長い'.repeat(200));
    const items = await store.review.list('new');
    expect(items.map((i) => i.text.length)).toEqual([14, 400]); // both filed: the refusals below are the inbox's
    for (const item of items) await expect(inbox.label(item.id, 'out_of_scope', 'bob')).rejects.toMatchObject({ code: 'bad_request' });
  });
});
