import { Nlu } from '../nlu/index.js';
import { BusinessHours } from '../handoff/hours.js';
import type { EngineDeps } from './engine.js';
import { Rules } from './rules.js';
import { Texts } from './texts.js';

export { agentClosed, turn, type EngineDeps, type TurnResult } from './engine.js';

/** Everything a turn needs but the ticket sink, which the bot binds to each turn's transaction. */
export type Brain = Omit<EngineDeps, 'tickets'>;

/** What the brain needs from configuration. */
export interface BrainOptions {
  agentHours?: string;
  agentTimeZone?: string;
  /** The maintenance notice; a function so that it can change while the bot runs. */
  notice?: () => string | undefined;
  nlu?: Nlu;
}

/** Loads the data (training examples, texts, rules), trains the classifier, and returns what turns need. */
export function createBrain(options: BrainOptions = {}): Brain {
  const brain: Brain = {
    nlu: options.nlu ?? new Nlu(),
    texts: Texts.load(),
    rules: Rules.load(),
    hours: new BusinessHours(options.agentHours ?? '09:00-20:00', options.agentTimeZone ?? 'Asia/Tokyo'),
  };
  if (options.notice) brain.notice = options.notice;
  return brain;
}
