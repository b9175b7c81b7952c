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
