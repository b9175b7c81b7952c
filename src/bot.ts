import type { Inbound, Reply } from './core/types.js';
import { turn, type EngineDeps } from './dialog/index.js';
import type { ConversationStore } from './store/conversations.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

/** Hand-off events the bot reports after a turn is saved (the help desk listens). */
export interface HandoffListener {
  opened(ticketId: string): void;
  userMessage(ticketId: string, text: string, at: number): void;
  cancelled(ticketId: string): void;
}

/** What the channels call: one inbound message in, the turn's replies out. */
export interface MessageHandler {
  handle(inbound: Inbound): Reply[];
}

/**
 * The bot as the channels see it: runs a turn and saves the user's message,
 * the new state and the replies in one SQLite transaction, so that a reply
 * the server sent is never lost and a crash mid-turn loses nothing it acknowledged.
 * A failed turn leaves the state as it was and answers politely.
 */
export class Bot implements MessageHandler {
  constructor(
    private readonly deps: EngineDeps,
    private readonly store: ConversationStore,
    private readonly log: Logger,
    private readonly handoff?: HandoffListener,
    private readonly metrics?: Metrics,
  ) {}

  handle(inbound: Inbound): Reply[] {
    for (let attempt = 1; ; attempt++) {
      try {
        return this.handleOnce(inbound);
      } catch (err) {
        // SQLite waited busy_timeout already; a few more tries ride out a long checkpoint or backup.
        const busy = (err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED';
        if (busy && attempt < 3) continue;
        this.log.error({ conversation: inbound.conversationId, err }, 'turn failed');
        this.metrics?.inc('dbarai_turn_errors_total');
        let lang: 'ja' | 'en' = 'ja';
        try {
          lang = this.store.load(inbound.conversationId)?.lang ?? 'ja';
        } catch {
          // the store itself is failing; answer in Japanese
        }
        return [{ type: 'message', text: this.deps.texts.get(lang, 'turn_failed') }];
      }
    }
  }

  private handleOnce(inbound: Inbound): Reply[] {
    const started = performance.now();
    const { result, ticketBefore } = this.store.transaction(() => {
      const previous = this.store.load(inbound.conversationId);
      const result = turn(this.deps, previous, inbound);
      this.store.append(inbound.conversationId, 'user', result.text, inbound.at);
      this.store.save(inbound.conversationId, inbound.channel, result.state);
      for (const r of result.replies) this.store.append(inbound.conversationId, 'bot', r.text, inbound.at, r);
      return { result, ticketBefore: previous?.ticket };
    });
    const ms = performance.now() - started;
    this.log.debug({ conversation: inbound.conversationId, intent: result.understanding.intent, relayed: result.relayed, ms: Math.round(ms) }, 'turn');
    this.report({ ...inbound, text: result.text }, result.replies, ticketBefore, result.state.ticket, result.relayed);
    this.count(inbound, result.replies, result.understanding.intent, ticketBefore, ms);
    return result.replies;
  }

  private count(inbound: Inbound, replies: Reply[], intent: string, ticketBefore: string | undefined, ms: number): void {
    const m = this.metrics;
    if (!m) return;
    m.inc('dbarai_turns_total', { channel: inbound.channel });
    m.inc('dbarai_intents_total', { intent });
    for (const r of replies) {
      if (r.meta?.remedy) m.inc('dbarai_remedies_total', { remedy: r.meta.remedy });
      if (r.meta?.handoff && r.meta.handoff !== ticketBefore) m.inc('dbarai_handoffs_total', { priority: r.meta.priority ?? 'normal' });
    }
    m.observe(ms / 1000);
  }

  /** Tells the help desk what the saved turn did to tickets. */
  private report(inbound: Inbound, replies: Reply[], before: string | undefined, after: string | undefined, relayed: boolean): void {
    if (!this.handoff) return;
    if (relayed && after) this.handoff.userMessage(after, inbound.text, inbound.at);
    if (before && !after && replies.length) this.handoff.cancelled(before);
    for (const r of replies) if (r.meta?.handoff && r.meta.handoff !== before) this.handoff.opened(r.meta.handoff);
  }
}
