import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutcomeEvent } from './core/types.js';

/**
 * The bot's Prometheus metrics (prom-client: process, GC and event-loop
 * metrics come with it, labels are escaped by the library), rendered at
 * `/metrics`. One registry per bot, so tests and several bots in a process
 * do not share counters.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = this.counter('dbarai_turns_total', 'Messages handled by the bot, by channel', ['channel']);
  readonly intents = this.counter('dbarai_intents_total', 'Messages by recognised intent', ['intent']);
  readonly remedies = this.counter('dbarai_remedies_total', 'Remedies given, by remedy', ['remedy']);
  readonly handoffs = this.counter('dbarai_handoffs_total', 'Hand-off tickets opened, by priority', ['priority']);
  readonly rateLimited = this.counter('dbarai_rate_limited_total', 'Requests refused with 429, by what was limited', ['by']);
  readonly turnErrors = this.counter('dbarai_turn_errors_total', 'Turns that failed and got the polite error reply', []);
  readonly outcomes = this.counter('dbarai_outcomes_total', 'Outcome events (resolved, hand-off, rating, misunderstood, abandoned, …) by type and label', [
    'type',
    'name',
  ]);
  readonly ratings = this.counter('dbarai_ratings_total', 'Satisfaction ratings, by score and by who solved the problem', ['score', 'by']);
  readonly reviewItems = this.counter('dbarai_review_items_total', 'Messages sent to the review inbox, by reason', ['reason']);
  readonly trainingRuns = this.counter(
    'dbarai_training_runs_total',
    'Model applies and rollbacks, by kind and result (applied, refused, failed, rolled_back)',
    ['kind', 'result'],
  );
  readonly modelVersion = new Gauge({
    name: 'dbarai_model_version',
    help: 'Model version this instance answers with (0: intents/ alone)',
    registers: [this.registry],
  });
  readonly modelAccuracy = new Gauge({
    name: 'dbarai_model_accuracy',
    help: 'Intent accuracy of the model applied last, measured at its apply: on the frozen evaluation set, and by cross-validation',
    labelNames: ['set'],
    registers: [this.registry],
  });
  readonly trainingSeconds = new Histogram({
    name: 'dbarai_training_seconds',
    help: 'Time to retrain and compare (apply) or rebuild (rollback, another instance) a model in the worker',
    labelNames: ['kind'],
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'dbarai_turn_seconds',
    help: 'Time to handle one message, state and transcript saved',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor(options: { defaults?: boolean } = {}) {
    if (options.defaults !== false) collectDefaultMetrics({ register: this.registry });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** Counts an outcome event (and a rating by its score). */
  outcome(e: OutcomeEvent): void {
    if (e.type === 'message' || e.type === 'question_asked' || e.type === 'question_answered') return; // counted by the turn counters
    this.outcomes.inc({ type: e.type, name: e.name ?? '' });
    if (e.type === 'rating' && e.value !== undefined) this.ratings.inc({ score: String(e.value), by: e.name ?? 'bot' });
  }

  /** The text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
