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
  const brain = createBrain({
    agentHours: config.AGENT_HOURS,
    agentTimeZone: config.AGENT_TZ,
    notice: () => notice,
    ...(options.nlu ? { nlu: options.nlu } : {}),
  });
  const desk = new HelpDesk(store, brain, hours, bus, log);
  const metrics = new Metrics({ defaults: options.defaultMetrics });
  const bot = new Bot({ brain, store, log, maxChars: config.MAX_MESSAGE_CHARS, handoff: desk, metrics });
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
    close: async () => {
      await bus.close();
      await store.close();
    },
  };
}
