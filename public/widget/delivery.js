// Delivers the user's messages in order: over the socket when it is open, else through the webhook; a refused message comes back to the input, an expired id is replaced and the message sent again once.

import { frameReceived, messageRejected, messageSent, noticeOf, typingChanged } from './state.js';

/**
 * @param {{
 *   store: { get(): import('./state.js').WidgetState, update: Function },
 *   api: import('./api.js').Api,
 *   session: import('./session.js').Session,
 *   socket: import('./socket.js').Socket,
 * }} o
 */
export function createDelivery({ store, api, session, socket }) {
  let draining = false;

  /** Sends what waits, oldest first; stops when the socket is about to open or the webhook is unavailable. */
  async function drain() {
    if (draining) return;
    draining = true;
    try {
      for (let item = store.get().outbox[0]; item; item = store.get().outbox[0]) {
        const phase = store.get().phase;
        if (phase === 'open' && socket.send({ type: 'message', text: item.text, user: socket.user })) store.update(messageSent, item.key, 'socket');
        else if (phase !== 'down' || !(await viaWebhook(item))) break;
      }
    } finally {
      draining = false;
    }
    const state = store.get();
    if (state.outbox.length && state.phase === 'open') void drain(); // the socket opened meanwhile
  }

  /**
   * One message through the webhook. True when it was handled (answered or refused for good), false to try again later.
   * @param {import('./state.js').Outgoing} item
   */
  async function viaWebhook(item, retried = false) {
    let user;
    try {
      user = await session.ensure();
    } catch {
      return false;
    }
    store.update(typingChanged, true);
    const res = await api.webhook(user, item.text);
    store.update(typingChanged, false);
    if (res.status === 401 && !retried) {
      try {
        await session.renew(user);
      } catch {
        return false;
      }
      return viaWebhook(item, true);
    }
    if (res.ok) {
      store.update(messageSent, item.key, 'webhook');
      for (const reply of Array.isArray(res.body) ? res.body : [res.body]) store.update(frameReceived, reply);
      return true;
    }
    if (res.status === 0 || res.status === 401 || res.status === 429 || res.status >= 500) return false;
    store.update(messageRejected, item.key, noticeOf(res.body, res.status));
    return true;
  }

  return { drain };
}
