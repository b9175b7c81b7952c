import type { Inbound } from '../core/types.js';
import type { TurnResult } from '../dialog/index.js';
import type { Nlu } from '../nlu/index.js';
import { MASKS, redact } from '../privacy/redact.js';
import type { Recorded } from '../store/repos/review.js';
import type { Repos } from '../store/types.js';
import type { ContextLine } from './types.js';

/** How long a context line may be: enough to read, not a second copy of a long transcript. */
const CONTEXT_CHARS = 500;

/**
 * Files a turn the engine flagged (`result.review`) in the review inbox, in
 * the turn's own unit of the store: the masked text (the message, or the one
 * the engine names), what the classifier made of it, and up to 3 lines around
 * it (the 2 before the user's message and the bot's first reply). Called by
 * the Bot after the turn's transcript lines are written.
 */
export async function recordReview(r: Repos, nlu: Nlu, inbound: Inbound, result: TurnResult, userLineId: number): Promise<Recorded | undefined> {
  const review = result.review;
  if (!review) return undefined;
  const text = redact(review.text ?? result.text).text;
  const u = text === result.text ? result.understanding : nlu.understand(text.replace(MASKS, ' '));
  const lines = await r.transcript.lines(inbound.conversationId, 3 + result.replies.length);
  const mine = lines.findIndex((l) => l.id === userLineId);
  const around = mine < 0 ? [] : [...lines.slice(Math.max(0, mine - 2), mine), ...lines.slice(mine + 1, mine + 2)];
  const context: ContextLine[] = around.map((l) => ({ role: l.role, text: l.text.slice(0, CONTEXT_CHARS), at: l.at }));
  return r.review.record({
    text,
    lang: u.lang ?? result.state.lang,
    predicted: { intent: u.intent, confidence: u.confidence },
    reason: review.reason,
    at: inbound.at,
    context,
  });
}
