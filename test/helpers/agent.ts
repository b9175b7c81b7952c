/** Fixtures for the agent console's tests: the signed-in agent and a ticket as the agent API lists it. */

export const me = { id: 'alice', name: 'Alice', admin: false };

/** A waiting web ticket (English), changed by `extra`. */
export const ticket = (extra: Record<string, unknown> = {}) => ({
  id: 'T-1',
  status: 'waiting',
  priority: 'normal',
  channel: 'web',
  lang: 'en',
  conversationId: 'w_abc',
  summary: { reason: 'asked', slots: {}, remedies: [], firstMessage: '  知らない\n決済が  あります ' } as Record<string, unknown>,
  agent: null as string | null,
  createdAt: 1000,
  updatedAt: 1000,
  ...extra,
});

/** A new review inbox item as GET /agent/api/review lists it (seen twice, out of scope, the bot's reply after it), changed by `extra`. */
export const reviewItem = (extra: Record<string, unknown> = {}) => ({
  id: 1,
  text: 'the d barai door keeps slamming in my face',
  count: 2,
  lang: 'en',
  predicted: { intent: 'out_of_scope', confidence: 0.514 },
  reason: 'out_of_scope',
  lastAt: 5000,
  firstAt: 1000,
  context: [
    { role: 'user', text: 'hello', at: 4000 },
    { role: 'bot', text: 'Hello! How can I help?', at: 4000 },
    { role: 'bot', text: "Sorry, I can't help with that.", at: 5000 },
  ],
  status: 'new',
  label: null as string | null,
  labelledBy: null as string | null,
  version: null as number | null,
  ...extra,
});

/** GET /agent/api/training's figures of an apply: 91.1 % → 91.8 % on the frozen set, 3-fold CV. */
export const figures = (extra: Record<string, unknown> = {}) => ({
  accuracy_before: 0.9109,
  accuracy_after: 0.9178,
  frozen: 146,
  items: 3,
  cv_before: { accuracy: 0.975, macro_f1: 0.9761, n: 1565, folds: 3 },
  cv_after: { accuracy: 0.9744, macro_f1: 0.9758, n: 1568, folds: 3 },
  ...extra,
});
