/**
 * The satisfaction rating (spec §6), a second declared dialog: asked once per
 * episode after the bot resolves a problem or an agent closes a ticket. Five
 * quick replies "1"–"5" with words; a typed number or words count too; any
 * other message lets the rating go silently. A rating of 2 or less asks,
 * once, why; the next message is the reason unless it is a new problem.
 */
import { z } from 'zod';
import { loadJson } from '../src/core/data.js';
import { fromRoot } from '../src/core/paths.js';
import { isLoginIntent } from '../src/core/types.js';
import type { Dialog, TurnApi } from '../src/dialog/dialog.js';
import { endDialog } from '../src/dialog/state.js';

const SCORES = ['1', '2', '3', '4', '5'] as const;
const Score = z.enum(SCORES);
const CsatFile = z.object({
  $comment: z.string().optional(),
  maxChars: z.number().int().min(1).max(200),
  order: z.array(Score).length(5),
  scores: z.record(Score, z.array(z.string().min(1)).min(1)),
});

/** How typed ratings are read (`dialogs/ratings.json`), compiled once. */
const words = (() => {
  const data = loadJson(fromRoot('dialogs', 'ratings.json'), CsatFile);
  return {
    maxChars: data.maxChars,
    scores: data.order.map((score) => ({ score, re: new RegExp(data.scores[score].map((p) => `(?:${p})`).join('|')) })),
  };
})();

const TYPED_DIGIT = /^(?:評価\s*)?([1-5])(?:\s*(?:点|です|で|!|\.|。|\/\s*5|out of 5|stars?))*$/;

/** A rating from 1 to 5 in a message, or undefined: a payload or typed digit, or words such as 「とても良かった」 or "great". */
export function readRating(normalised: string): string | undefined {
  const digit = TYPED_DIGIT.exec(normalised);
  if (digit) return digit[1];
  if (normalised.length > words.maxChars) return undefined;
  return words.scores.find((s) => s.re.test(normalised))?.score;
}

/** Ends the rating: the conversation is free again. */
function finish(t: TurnApi): void {
  endDialog(t.state);
}

export const csat: Dialog = {
  id: 'csat',
  questions: { csat: { choices: SCORES, readFirst: true }, csat_reason: { choices: [], readFirst: true } },
  otherwise: 'release',
  starts: () => false, // started by the engine after a resolution, and after an agent closes a ticket
  begin(t) {
    const by = t.state.csat?.by ?? 'bot';
    t.state.dialog = 'csat';
    t.event({ type: 'csat_asked', name: by, ...(t.state.csat?.episode ? { episode: t.state.csat.episode } : {}) });
    t.ask('csat', `csat.ask.${by}`);
    return Promise.resolve();
  },
  read(t, ask) {
    const value = ask === 'csat' ? readRating(t.u.normalised) : 'reason';
    // Not a rating, nor a reason: a new problem (a login failure is handled as one, and no reason is stored).
    return value === undefined || isLoginIntent(t.u.intent) || !t.u.normalised ? undefined : { value, sure: true };
  },
  answered(t, ask, value) {
    const rating = t.state.csat;
    const episode = rating?.episode ? { episode: rating.episode } : {};
    if (ask === 'csat') {
      t.event({ type: 'rating', name: rating?.by ?? 'bot', value: Number(value), ...episode });
      if (Number(value) <= 2) {
        t.ask('csat_reason', 'csat.reason');
        return Promise.resolve();
      }
      t.say('csat.thanks');
    } else {
      t.review('low_rating');
      t.say('csat.reason_thanks');
    }
    finish(t);
    return Promise.resolve();
  },
};
