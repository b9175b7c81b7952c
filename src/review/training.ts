import { BotError } from '../core/errors.js';
import { fromRoot } from '../core/paths.js';
import type { Bus } from '../bus.js';
import type { Brain } from '../dialog/index.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { readLabelled, type Labelled } from '../nlu/evaluate.js';
import { Nlu } from '../nlu/index.js';
import { loadTrainingData, type TrainingExample } from '../nlu/training.js';
import type { ModelVersion, TrainingRun } from '../store/repos/models.js';
import type { ReviewItem } from '../store/repos/review.js';
import type { Store } from '../store/types.js';
import { exampleText } from './inbox.js';
import type { Progress, RetrainResult } from './retrain.js';
import { inWorker, type Retrain } from './trainer.js';
import type { TrainingFigures } from './types.js';

/** The committed frozen evaluation set: labelled messages written for it, in no training file. */
export const FROZEN_FILE = fromRoot('test', 'fixtures', 'frozen-eval.jsonl');
/** A retrained model is refused when its accuracy on the frozen set falls by more than this (1 percentage point). */
const MAX_DROP = 0.01;

export interface TrainingOptions {
  store: Store;
  /** The brain whose `nlu` the bot reads on every turn: swapping it swaps the model. */
  brain: Brain;
  bus: Bus;
  log: Logger;
  metrics?: Metrics;
  /** The version `brain.nlu` was built from. */
  version: number;
  /** k of the cross-validation reported on apply (0: none). */
  folds?: number;
  /** The frozen evaluation set; the committed file by default. */
  frozen?: Labelled[];
  /** Where training runs; a worker thread by default. */
  retrain?: Retrain;
  now?: () => number;
}

/** What an accepted apply answers. */
export type ApplyResult = { applied: number; version: number } & TrainingFigures;

/** What `GET /agent/api/training` shows. */
export interface TrainingStatus {
  /** The active version in the database. */
  version: number;
  /** The version this instance answers with. */
  loaded: number;
  running: 'apply' | 'rollback' | null;
  last_apply: TrainingRun | null;
  versions: ModelVersion[];
}

/** The model the bot starts with: `intents/` plus the active version's learned examples (a given `reuse` NLU when nothing was learned). */
export async function startingModel(store: Store, reuse?: Nlu): Promise<{ nlu: Nlu; version: number; shipped: TrainingExample[] }> {
  const shipped = loadTrainingData();
  const version = await store.models.active();
  const learned = version ? await store.models.examples(version) : [];
  const nlu = reuse && !learned.length ? reuse : new Nlu({ examples: [...shipped, ...learned] });
  return { nlu, version, shipped };
}

/**
 * Teaching the running bot without a restart. An apply retrains on `intents/`
 * plus the learned examples and the labelled items in a worker thread,
 * compares the result with the running model on the frozen set (refused with
 * `model_worse` when it falls by more than 1 point) and by cross-validation,
 * then records the new version, swaps `brain.nlu` and tells other instances
 * on the bus, which rebuild the version from the database (also in a
 * worker). One apply or rollback at a time, across instances; a failed
 * retrain leaves the running model as it was.
 */
export class Training {
  private busy: 'apply' | 'rollback' | undefined;
  private version: number;
  private reloads: Promise<void> = Promise.resolve();
  private readonly frozen: Labelled[];
  private readonly retrain: Retrain;
  private readonly now: () => number;

  constructor(private readonly o: TrainingOptions) {
    this.version = o.version;
    this.frozen = o.frozen ?? readLabelled(FROZEN_FILE);
    this.retrain = o.retrain ?? inWorker;
    this.now = o.now ?? Date.now;
    o.metrics?.modelVersion.set(o.version);
  }

  /** The version this instance answers with. */
  get loaded(): number {
    return this.version;
  }

  /** Follows the bus: a version another instance activated is rebuilt here. Returns the function that stops following. */
  listen(): () => void {
    return this.o.bus.subscribe('model', ({ version }) => {
      if (version === this.version) return;
      this.reloads = this.reloads
        .then(() => this.reload())
        .catch((err: unknown) => this.o.log.error({ err, version }, 'model reload failed; the running model stays'));
    });
  }

  /** Resolves once the reloads asked for so far are done. */
  settled(): Promise<void> {
    return this.reloads;
  }

  /** Where training stands: the active and loaded versions, the last apply's figures, the versions to roll back to. */
  async status(): Promise<TrainingStatus> {
    const { models } = this.o.store;
    return {
      version: await models.active(),
      loaded: this.version,
      running: this.busy ?? null,
      last_apply: (await models.lastRun('apply')) ?? null,
      versions: await models.versions(),
    };
  }

  /** The active version's learned examples as JSON lines `{"text","intent","lang"}`, ready for `intents/`. */
  async exportLines(): Promise<string> {
    const examples = await this.o.store.models.examples(await this.o.store.models.active());
    return examples.map((e) => JSON.stringify({ text: e.text, intent: e.intent, lang: e.lang }) + '\n').join('');
  }

  /** Retrains with the labelled items and, unless the model got worse, makes it the running one. */
  apply(agent: string): Promise<ApplyResult> {
    return this.exclusively('apply', () => this.applyNow(agent));
  }

  /** Goes back to an earlier version (0: `intents/` alone). */
  rollback(version: number, agent: string): Promise<{ version: number; previous: number }> {
    return this.exclusively('rollback', () => this.rollbackNow(version, agent));
  }

  /** Runs `fn` as the one apply or rollback of this instance and, through the store's job lock, of every instance. */
  private async exclusively<T>(kind: 'apply' | 'rollback', fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new BotError('conflict', `a model ${this.busy} is running; try again once it is done`, { running: this.busy });
    this.busy = kind;
    try {
      const out: { value?: T } = {};
      const ran = await this.o.store.exclusive('training', async () => void (out.value = await fn()));
      if (!ran) throw new BotError('conflict', 'another instance is applying or rolling back a model; try again once it is done');
      return out.value as T;
    } finally {
      this.busy = undefined;
    }
  }

  /** The apply itself, under the lock: retrain and compare off-thread, then refuse or commit and swap. */
  private async applyNow(agent: string): Promise<ApplyResult> {
    const { store, log } = this.o;
    const items = await store.review.labelled();
    if (!items.length) throw new BotError('conflict', 'no labelled review item to apply');
    const current = await store.models.examples(await store.models.active());
    const next = [...current, ...items.map((it) => ({ text: exampleText(it.text), intent: it.label!, lang: it.lang }))];
    // The frozen set: the committed file and what the running model was taught. After a rollback, the examples of
    // the versions left behind are not in it: they no longer say what the bot should do.
    const frozen = [...this.frozen, ...current.map((e) => ({ text: e.text, intent: e.intent }))];
    const folds = this.o.folds ?? 5;
    log.info({ agent, items: items.length, learned: next.length, frozen: frozen.length, folds }, 'model apply: retraining in a worker');
    const { model, figures } = await this.run('apply', agent, { kind: 'compare', current, next, frozen, folds, items: items.length });
    const f = figures!;
    if (f.accuracy_after < f.accuracy_before - MAX_DROP) return this.refuse(agent, f);
    const nlu = new Nlu({ model }); // built before the commit, so nothing can fail between the commit and the swap
    const version = await this.commit(agent, next, items, f);
    this.swap(nlu, version);
    this.o.bus.publish('model', { version }); // other instances rebuild it from the database
    this.o.metrics?.trainingRuns.inc({ kind: 'apply', result: 'applied' });
    this.o.metrics?.modelAccuracy.set({ set: 'frozen' }, f.accuracy_after);
    if (f.cv_after) this.o.metrics?.modelAccuracy.set({ set: 'cv' }, f.cv_after.accuracy);
    log.info({ agent, version, ...f }, 'model applied');
    return { applied: items.length, version, ...f };
  }

  /** Records a refused apply and throws `model_worse` with its figures; the running model stays. */
  private async refuse(agent: string, f: TrainingFigures): Promise<never> {
    await this.o.store.tx((r) => r.models.addRun({ at: this.now(), agent, kind: 'apply', result: 'refused', version: null, figures: f }));
    this.o.metrics?.trainingRuns.inc({ kind: 'apply', result: 'refused' });
    this.o.log.warn({ agent, ...f }, 'model apply refused: worse on the frozen set');
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    throw new BotError(
      'model_worse',
      `the retrained model scores ${pct(f.accuracy_after)} on the frozen set against ${pct(f.accuracy_before)} now (more than 1 point worse); nothing was applied`,
      { ...f },
    );
  }

  /** Records the new version as active and its items as applied, in one unit; `conflict` if a label changed meanwhile. */
  private commit(agent: string, examples: TrainingExample[], items: readonly ReviewItem[], f: TrainingFigures): Promise<number> {
    const at = this.now();
    return this.o.store.tx(async (r) => {
      const v = await r.models.create({ agent, at, examples, figures: f });
      const marked = await r.review.markApplied(
        items.map((it) => ({ id: it.id, label: it.label! })),
        v,
      );
      if (marked !== items.length) throw new BotError('conflict', 'labels changed while the model trained; apply again');
      await r.models.activate(v);
      await r.models.addRun({ at, agent, kind: 'apply', result: 'applied', version: v, figures: f });
      return v;
    });
  }

  /** The rollback itself, under the lock: rebuild the version off-thread, then activate it and swap. */
  private async rollbackNow(version: number, agent: string): Promise<{ version: number; previous: number }> {
    const { store, log, metrics } = this.o;
    if (!(await store.models.exists(version))) throw new BotError('not_found', `no model version ${version}`);
    const previous = await store.models.active();
    log.info({ agent, version, previous }, 'model rollback: rebuilding in a worker');
    const { model } = await this.run('rollback', agent, { kind: 'build', learned: await store.models.examples(version) });
    const nlu = new Nlu({ model });
    const at = this.now();
    await store.tx(async (r) => {
      await r.models.activate(version);
      await r.models.addRun({ at, agent, kind: 'rollback', result: 'rolled_back', version, figures: null });
    });
    this.swap(nlu, version);
    this.o.bus.publish('model', { version });
    metrics?.trainingRuns.inc({ kind: 'rollback', result: 'rolled_back' });
    log.info({ agent, version, previous }, 'model rolled back');
    return { version, previous };
  }

  /** Runs a job off the main thread, logging its progress; a failure is recorded and leaves the running model. */
  private async run(kind: 'apply' | 'rollback', agent: string, job: Parameters<Retrain>[0]): Promise<RetrainResult> {
    const started = performance.now();
    try {
      return await this.retrain(job, (p: Progress) => this.o.log.info({ kind, step: p.step, done: p.done, of: p.of }, 'model training progress'));
    } catch (err) {
      this.o.metrics?.trainingRuns.inc({ kind, result: 'failed' });
      this.o.log.error({ err, kind, agent }, 'model training failed; the running model stays');
      await this.o.store.tx((r) => r.models.addRun({ at: this.now(), agent, kind, result: 'failed', version: null, figures: null }));
      throw err instanceof BotError ? err : new BotError('internal', 'model training failed', undefined, { cause: err });
    } finally {
      this.o.metrics?.trainingSeconds.observe({ kind }, (performance.now() - started) / 1000);
    }
  }

  /** Rebuilds the database's active version here, when another instance changed it. */
  private async reload(): Promise<void> {
    const { models } = this.o.store;
    const version = await models.active();
    if (version === this.version) return;
    const started = performance.now();
    const { model } = await this.retrain({ kind: 'build', learned: await models.examples(version) }, (p) =>
      this.o.log.debug({ kind: 'reload', step: p.step }, 'model training progress'),
    );
    this.o.metrics?.trainingSeconds.observe({ kind: 'reload' }, (performance.now() - started) / 1000);
    const nlu = new Nlu({ model });
    if ((await models.active()) !== version) return; // changed again meanwhile: the event that changed it reloads
    this.swap(nlu, version);
    this.o.log.info({ version }, 'model loaded: another instance changed the active version');
  }

  /** The next turn meets `nlu`. */
  private swap(nlu: Nlu, version: number): void {
    this.o.brain.nlu = nlu;
    this.version = version;
    this.o.metrics?.modelVersion.set(version);
  }
}
