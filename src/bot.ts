import type { Inbound, Reply } from './core/types.js';
import { turn, type EngineDeps } from './dialog/index.js';
import type { ConversationStore } from './store/conversations.js';
import type { Logger } from './log.js';

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
  ) {}

  handle(inbound: Inbound): Reply[] {
    const started = performance.now();
    try {
      return this.store.transaction(() => {
        const previous = this.store.load(inbound.conversationId);
        const result = turn(this.deps, previous, inbound);
        this.store.append(inbound.conversationId, 'user', inbound.text, inbound.at);
        this.store.save(inbound.conversationId, inbound.channel, result.state);
        for (const r of result.replies) this.store.append(inbound.conversationId, 'bot', r.text, inbound.at, r);
        this.log.debug(
          { conversation: inbound.conversationId, intent: result.understanding.intent, relayed: result.relayed, ms: Math.round(performance.now() - started) },
          'turn',
        );
        return result.replies;
      });
    } catch (err) {
      this.log.error({ conversation: inbound.conversationId, err }, 'turn failed');
      const lang = this.store.load(inbound.conversationId)?.lang ?? 'ja';
      return [{ type: 'message', text: this.deps.texts.get(lang, 'turn_failed') }];
    }
  }
}
