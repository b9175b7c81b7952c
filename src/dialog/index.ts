import { Nlu } from '../nlu/index.js';
import { BusinessHours } from '../handoff/hours.js';
import type { TicketSink } from '../handoff/types.js';
import type { EngineDeps } from './engine.js';
import { Rules } from './rules.js';
import { Texts } from './texts.js';

export { turn, type EngineDeps, type TurnResult } from './engine.js';

/** What the brain needs from configuration. */
export interface BrainOptions {
  tickets: TicketSink;
  agentHours?: string;
  agentTimeZone?: string;
  /** The maintenance notice; a function so that it can change while the bot runs. */
  notice?: () => string | undefined;
  nlu?: Nlu;
}

/** Loads the data (training examples, texts, rules), trains the classifier, and returns the engine's dependencies. */
export function createBrain(options: BrainOptions): EngineDeps {
  const deps: EngineDeps = {
    nlu: options.nlu ?? new Nlu(),
    texts: Texts.load(),
    rules: Rules.load(),
    tickets: options.tickets,
    hours: new BusinessHours(options.agentHours ?? '09:00-20:00', options.agentTimeZone ?? 'Asia/Tokyo'),
  };
  if (options.notice) deps.notice = options.notice;
  return deps;
}
