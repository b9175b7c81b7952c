// The web channel's HTTP endpoints: a signed id, the conversation's history, and the webhook (used while the socket is down).

import { postJson, requestJson } from '../shared/http.js';

/** @param {string} server the bot's base URL */
export function createApi(server) {
  return {
    session: () => requestJson(`${server}/api/session`, postJson({})),
    history: (/** @type {string} */ user) => requestJson(`${server}/api/history?user=${encodeURIComponent(user)}`),
    webhook: (/** @type {string} */ user, /** @type {string} */ text) =>
      requestJson(`${server}/api/messages`, postJson({ type: 'message', text, user, channel: 'webhook' })),
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
