/**
 * The bot's core, assembled from configuration: logger, store, bus, brain,
 * help desk and the `Bot` every channel talks to. The server (`main.ts`) and
 * the terminal both start from here, so every channel meets the same bot.
 */
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { openStore, type Store } from './store/index.js';
import { LocalBus, type Bus } from './bus.js';
import { createBrain, type Brain } from './dialog/index.js';
import { BusinessHours, dayIn } from './handoff/hours.js';
import { HelpDesk } from './handoff/desk.js';
import { Bot } from './bot.js';
import { Metrics } from './metrics.js';
import type { Nlu } from './nlu/index.js';
import { ReviewInbox } from './review/inbox.js';
import { Training, startingModel } from './review/training.js';

export interface Core {
  config: Config;
  log: Logger;
  store: Store;
  bus: Bus;
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
  const store = await openStore({ file: config.BOT_DB, databaseUrl: config.DATABASE_URL, dayOf, holdBatchMs: config.TEST_BATCH_HOLD_MS });
  const bus = new LocalBus();
  const hours = new BusinessHours(config.AGENT_HOURS, config.AGENT_TZ);
  const notice = config.MAINTENANCE_NOTICE;
  // The model: intents/ plus the active version's learned examples.
  const model = await startingModel(store, options.nlu);
  const brain = createBrain({ agentHours: config.AGENT_HOURS, agentTimeZone: config.AGENT_TZ, notice: () => notice, nlu: model.nlu });
  const desk = new HelpDesk(store, brain, hours, bus, log);
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
      await bus.close();
      await store.close();
    },
  };
}
