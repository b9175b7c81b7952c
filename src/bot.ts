import type { Inbound, Reply } from './core/types.js';
import { turn, type EngineDeps } from './dialog/index.js';
import type { ConversationStore } from './store/conversations.js';
import type { Logger } from './log.js';

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
  ) {}

  handle(inbound: Inbound): Reply[] {
    const started = performance.now();
    try {
      let ticketBefore: string | undefined;
      let ticketAfter: string | undefined;
      let relayed = false;
      let storedText = '';
      const replies = this.store.transaction(() => {
        const previous = this.store.load(inbound.conversationId);
        ticketBefore = previous?.ticket;
        const result = turn(this.deps, previous, inbound);
        this.store.append(inbound.conversationId, 'user', result.text, inbound.at);
        this.store.save(inbound.conversationId, inbound.channel, result.state);
        for (const r of result.replies) this.store.append(inbound.conversationId, 'bot', r.text, inbound.at, r);
        this.log.debug(
          { conversation: inbound.conversationId, intent: result.understanding.intent, relayed: result.relayed, ms: Math.round(performance.now() - started) },
          'turn',
        );
        ticketAfter = result.state.ticket;
        relayed = result.relayed;
        storedText = result.text;
        return result.replies;
      });
      this.report({ ...inbound, text: storedText }, replies, ticketBefore, ticketAfter, relayed);
      return replies;
    } catch (err) {
      this.log.error({ conversation: inbound.conversationId, err }, 'turn failed');
      const lang = this.store.load(inbound.conversationId)?.lang ?? 'ja';
      return [{ type: 'message', text: this.deps.texts.get(lang, 'turn_failed') }];
    }
  }

  /** Tells the help desk what the saved turn did to tickets. */
  private report(inbound: Inbound, replies: Reply[], before: string | undefined, after: string | undefined, relayed: boolean): void {
    if (!this.handoff) return;
    if (relayed && after) this.handoff.userMessage(after, inbound.text, inbound.at);
    if (before && !after && replies.length) this.handoff.cancelled(before);
    for (const r of replies) if (r.meta?.handoff && r.meta.handoff !== before) this.handoff.opened(r.meta.handoff);
  }
}
