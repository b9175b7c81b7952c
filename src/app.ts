/**
 * The bot's core, assembled from configuration: logger, store, bus, brain,
 * help desk and the `Bot` every channel talks to. The server (`main.ts`) and
 * the terminal both start from here, so every channel meets the same bot.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { openStore, type Store } from './store/index.js';
import { LocalBus, type Bus } from './bus.js';
import { createBrain, type Brain } from './dialog/index.js';
import { BusinessHours, dayIn } from './handoff/hours.js';
import { HelpDesk } from './handoff/desk.js';
import { Bot } from './bot.js';
import { Metrics } from './metrics.js';
import { Presence } from './presence.js';
import type { Nlu } from './nlu/index.js';
import { ReviewInbox } from './review/inbox.js';
import { Training, startingModel } from './review/training.js';

export interface Core {
  config: Config;
  log: Logger;
  store: Store;
  bus: Bus;
  /** This process among the instances on one database (host, pid and a random tag). */
  instance: string;
  /** Where users' sockets are across instances; only when the database is shared (PostgreSQL). */
  presence?: Presence;
  brain: Brain;
  hours: BusinessHours;
  desk: HelpDesk;
  metrics: Metrics;
  bot: Bot;
  /** The review inbox (label, ignore) and model training (apply, rollback, reload on the bus's `model` events). */
  inbox: ReviewInbox;
  training: Training;
  /** Closes the bus and the store. */
  close(): Promise<void>;
}

export interface AssembleOptions {
  log?: Logger;
  /** Process metrics (GC, event loop…) in the registry; off for tools that never serve /metrics. */
  defaultMetrics?: boolean;
  /** A trained NLU to reuse (tests that build several bots). */
  nlu?: Nlu;
}

/** Builds the core from configuration; the one place the store, bus, brain, desk and bot are wired. */
export async function assemble(config: Config, options: AssembleOptions = {}): Promise<Core> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const dayOf = dayIn(config.AGENT_TZ);
  const store = await openStore({
    file: config.BOT_DB,
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    dayOf,
    log,
    holdBatchMs: config.TEST_BATCH_HOLD_MS,
  });
  const instance = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const { bus, presence } = await join(store, instance, log);
  const hours = new BusinessHours(config.AGENT_HOURS, config.AGENT_TZ);
  const notice = config.MAINTENANCE_NOTICE;
  // The model: intents/ plus the active version's learned examples.
  const model = await startingModel(store, options.nlu);
  const brain = createBrain({ agentHours: config.AGENT_HOURS, agentTimeZone: config.AGENT_TZ, notice: () => notice, nlu: model.nlu });
  const desk = new HelpDesk(store, brain, hours, bus, log, presence);
  const metrics = new Metrics({ defaults: options.defaultMetrics });
  const bot = new Bot({ brain, store, log, maxChars: config.MAX_MESSAGE_CHARS, handoff: desk, metrics });
  const inbox = new ReviewInbox(store, model.shipped);
  const training = new Training({ store, brain, bus, log, metrics, version: model.version, folds: config.TRAINING_CV_FOLDS });
  const unfollow = training.listen(); // another instance's new model version is rebuilt here
  return {
    config,
    log,
    store,
    bus,
    instance,
    presence,
    brain,
    hours,
    desk,
    metrics,
    bot,
    inbox,
    training,
    close: async () => {
      unfollow();
      await training.settled();
      await presence?.stop();
      await bus.close();
      await store.close();
    },
  };
}

/** The bus and presence of this instance: local ones alone (SQLite), or shared with the other instances on the database (PostgreSQL). */
async function join(store: Store, instance: string, log: Logger): Promise<{ bus: Bus; presence?: Presence }> {
  if (!store.shared) return { bus: new LocalBus() };
  let bus: Bus | undefined;
  try {
    bus = await store.shared.bus(instance, log);
    const presence = new Presence(store.shared.cluster, instance, log);
    await presence.start();
    return { bus, presence };
  } catch (err) {
    await bus?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
