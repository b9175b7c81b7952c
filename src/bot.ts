import type { BotResult, Inbound, Lang, Reply } from './core/types.js';
import { BotError } from './core/errors.js';
import { turn, type Brain, type TurnResult } from './dialog/index.js';
import type { Repos, Store } from './store/types.js';
import { eventRows } from './store/repos/events.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { recordReview } from './review/record.js';

/** Hand-off events the bot reports after a turn is saved (the help desk listens). */
interface HandoffListener {
  opened(ticketId: string): Promise<void>;
  userMessage(ticketId: string, line: { id: number; text: string; at: number }): void;
  cancelled(ticketId: string): Promise<void>;
}

/** What the channels call: one inbound message in, what to render out. */
export interface MessageHandler {
  handle(inbound: Inbound): Promise<BotResult>;
  /** The one length rule: whether a message is short enough to be handled (longer ones get a polite request to shorten it). */
  fits(text: string): boolean;
}

export interface BotOptions {
  brain: Brain;
  store: Store;
  log: Logger;
  /** The longest message a user may send; longer ones get a polite request to shorten it. */
  maxChars: number;
  handoff?: HandoffListener;
  metrics?: Metrics;
}

/** What a saved turn leaves to report once it is committed. */
interface Saved {
  result: TurnResult;
  userLineId: number;
  ticketBefore: string | undefined;
}

const isBusy = (err: unknown) => ['SQLITE_BUSY', 'SQLITE_LOCKED', '40001', '40P01'].includes((err as { code?: string }).code ?? '');

/**
 * The bot as every channel sees it: the one path of a message. It checks the
 * length rule, runs the turn and saves the user's message, the new state and
 * the replies in one unit of the store, and resolves only once that unit is
 * committed, so a reply a channel sends is never lost. Messages of one
 * conversation are handled one after the other, in arrival order. A failed
 * turn leaves the state as it was and answers politely; when the database is
 * unreachable the turn rejects with `unavailable` instead, for the channel to
 * tell the client to come back.
 */
export class Bot implements MessageHandler {
  /** The last pending turn of each conversation; an entry leaves when its conversation is idle. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly o: BotOptions) {}

  fits(text: string): boolean {
    return text.length <= this.o.maxChars;
  }

  handle(inbound: Inbound): Promise<BotResult> {
    if (!this.fits(inbound.text)) return this.tooLong(inbound);
    const id = inbound.conversationId;
    const previous = this.tails.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.handleWithRetry(inbound));
    const tail = next.catch(() => undefined);
    this.tails.set(id, tail);
    void tail.then(() => {
      if (this.tails.get(id) === tail) this.tails.delete(id);
    });
    return next;
  }

  /** How many conversations have a turn in flight (bounded by the traffic itself). */
  get inFlight(): number {
    return this.tails.size;
  }

  private async tooLong(inbound: Inbound): Promise<BotResult> {
    const lang = await this.langOf(inbound.conversationId);
    return { replies: [this.say(lang, 'too_long', { max: this.o.maxChars })], relayed: false, rejected: 'too_long' };
  }

  private async handleWithRetry(inbound: Inbound): Promise<BotResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handleOnce(inbound);
      } catch (err) {
        // SQLite waited busy_timeout already, PostgreSQL reported a deadlock or a serialisation failure: a few more tries.
        if (isBusy(err) && attempt < 3) continue;
        // The database is down: the channel says so (503 + Retry-After on the webhook) rather than pretend the turn failed.
        if (err instanceof BotError && err.code === 'unavailable') {
          this.o.metrics?.turnErrors.inc();
          throw err;
        }
        this.o.log.error({ conversation: inbound.conversationId, err }, 'turn failed');
        this.o.metrics?.turnErrors.inc();
        return { replies: [this.say(await this.langOf(inbound.conversationId), 'turn_failed')], relayed: false };
      }
    }
  }

  private async handleOnce(inbound: Inbound): Promise<BotResult> {
    const started = performance.now();
    const saved = await this.o.store.tx((r) => this.turnIn(r, inbound));
    const { result } = saved;
    const ms = performance.now() - started;
    this.o.log.debug({ conversation: inbound.conversationId, intent: result.understanding.intent, relayed: result.relayed, ms: Math.round(ms) }, 'turn');
    await this.report(inbound, saved);
    this.count(inbound, result, saved.ticketBefore, ms);
    return { replies: result.replies, relayed: result.relayed };
  }

  /** One turn inside a unit of the store: state in, turn, state, transcript and events out. */
  private async turnIn(r: Repos, inbound: Inbound): Promise<Saved> {
    const id = inbound.conversationId;
    const previous = await r.conversations.load(id, true);
    const result = await turn({ ...this.o.brain, tickets: r.tickets }, previous, inbound);
    const at = inbound.at;
    const ids = await r.transcript.appendAll(id, [
      { role: 'user', text: result.text, at },
      ...result.replies.map((reply) => ({ role: 'bot' as const, text: reply.text, at, extra: reply })),
    ]);
    const userLineId = ids[0]!;
    result.replies.forEach((reply, i) => (reply.id = ids[i + 1]));
    await r.conversations.save(id, inbound.channel, result.state, result.openAsk);
    // Review inbox: a message the bot failed to understand is filed in the same unit as its turn.
    if (result.review) await recordReview(r, this.o.brain.nlu, inbound, result, userLineId);
    if (result.events.length) {
      const context = { at: inbound.at, conversationId: id, episode: result.state.episode ?? null, channel: inbound.channel, lang: result.state.lang };
      await r.events.add(eventRows(context, result.events));
    }
    return { result, userLineId, ticketBefore: previous?.ticket };
  }

  /**
   * Counts as abandoned every episode whose troubleshooting question has had
   * no answer since `before` (the periodic sweep; no timer per
   * conversation): an `abandoned` event, and the episode ends. If the user
   * comes back, the dialog goes on where it was, in a new episode.
   */
  async sweepAbandoned(before: number, at = Date.now()): Promise<number> {
    let swept = 0;
    for (const row of await this.o.store.conversations.waiting(before)) {
      swept += await this.o.store.tx(async (r) => {
        const state = await r.conversations.load(row.id, true);
        if (!state || state.lastAt >= before) return 0; // answered meanwhile
        const ask = state.ask;
        await r.conversations.release(row.id);
        if (!state.episode || !ask) return 0;
        await r.events.add([{ type: 'abandoned', name: ask, at, conversationId: row.id, episode: state.episode, channel: row.channel, lang: state.lang }]);
        delete state.episode;
        await r.conversations.save(row.id, row.channel, state, null);
        return 1;
      });
    }
    return swept;
  }

  private count(inbound: Inbound, result: TurnResult, ticketBefore: string | undefined, ms: number): void {
    const m = this.o.metrics;
    if (!m) return;
    m.turns.inc({ channel: inbound.channel });
    m.intents.inc({ intent: result.understanding.intent });
    for (const r of result.replies) {
      if (r.meta?.remedy) m.remedies.inc({ remedy: r.meta.remedy });
      if (r.meta?.handoff && r.meta.handoff !== ticketBefore) m.handoffs.inc({ priority: r.meta.priority ?? 'normal' });
    }
    for (const e of result.events) m.outcome(e);
    if (result.review) m.reviewItems.inc({ reason: result.review.reason });
    m.turnSeconds.observe(ms / 1000);
  }

  /** Tells the help desk what the committed turn did to tickets. */
  private async report(inbound: Inbound, { result, userLineId, ticketBefore: before }: Saved): Promise<void> {
    const desk = this.o.handoff;
    if (!desk) return;
    const after = result.state.ticket;
    if (result.relayed && after) desk.userMessage(after, { id: userLineId, text: result.text, at: inbound.at });
    if (before && !after && result.replies.length) await desk.cancelled(before);
    for (const r of result.replies) if (r.meta?.handoff && r.meta.handoff !== before) await desk.opened(r.meta.handoff);
  }

  private async langOf(conversationId: string): Promise<Lang> {
    try {
      return (await this.o.store.conversations.load(conversationId))?.lang ?? 'ja';
    } catch {
      return 'ja'; // the store itself is failing; answer in Japanese
    }
  }

  private say(lang: Lang, key: string, vars: Record<string, string | number> = {}): Reply {
    return { type: 'message', text: this.o.brain.texts.get(lang, key, vars), lang };
  }
}
