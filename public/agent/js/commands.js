// What the agent does (open, claim, take over, reply, close) and what the live stream brings, as API calls and state transitions; every refusal becomes a notice in the agent's words.

import { ApiError } from './api.js';
import { fill, phrase } from './labels.js';
import { holderOf } from './rights.js';
import {
  busyChanged,
  detailFailed,
  detailReceived,
  isUrgent,
  liveMessage,
  replyPosted,
  ticketChanged,
  ticketGone,
  ticketOpened,
  ticketsListed,
} from './state.js';
import { TEXT } from './text.js';

/**
 * What to tell the agent about a failed request: the server's `message` when it sent one; else, for a refusal
 * about a ticket, the shared refusal label (who holds it, whether it is over), with today's `error` sentence in
 * brackets; else the `error`, else a word on the status.
 * @param {unknown} err
 * @param {any} ticket the ticket as now known (after a refresh)
 * @param {import('./labels.js').Labels} labels
 * @returns {{ text: string, detail: string | null }}
 */
export function refusalText(err, ticket, labels) {
  if (!(err instanceof ApiError)) return { text: TEXT.error.unexpected, detail: err instanceof Error ? err.message : null };
  if (err.status === 0) return { text: TEXT.error.network, detail: null };
  if (err.serverMessage) return { text: err.serverMessage, detail: null };
  const detail = err.code ? null : err.serverText;
  const vars = { id: (ticket && ticket.id) || '', agent: holderOf(ticket) || '' };
  if (err.code === 'not_owner' || (err.status === 403 && ticket && ticket.status === 'claimed'))
    return { text: phrase(labels, 'refusal.not_owner', vars), detail };
  if (err.status === 404) return { text: phrase(labels, 'refusal.not_found', vars), detail };
  if (err.status === 409 && ticket && ['claimed', 'closed', 'cancelled'].includes(ticket.status))
    return { text: phrase(labels, `refusal.${ticket.status}`, vars), detail };
  return { text: err.serverText || TEXT.error[err.status] || fill(TEXT.error.other, { status: err.status }), detail: null };
}

/**
 * @param {{
 *   store: { get(): import('./state.js').ConsoleState, update: Function },
 *   api: import('./api.js').Api,
 *   notices: import('./notices.js').Notices,
 *   labels: () => import('./labels.js').Labels,
 *   onExpired: () => void,
 * }} o `onExpired`: the token was refused (401)
 */
export function createCommands({ store, api, notices, labels, onExpired }) {
  const ticketOf = (/** @type {string} */ id) => store.get().tickets[id];

  /** Re-reads a ticket (and merges its transcript when it is open). Failures are left to the caller's notice. */
  async function refresh(/** @type {string} */ id) {
    try {
      store.update(detailReceived, id, await api.ticket(id));
    } catch {
      /* the notice that led here says enough */
    }
  }

  async function fail(/** @type {unknown} */ err, /** @type {string | null} */ id) {
    if (err instanceof ApiError && err.status === 401) return onExpired();
    if (id && err instanceof ApiError && (err.status === 403 || err.status === 409)) await refresh(id); // the words name the holder as it is now
    const { text, detail } = refusalText(err, id ? ticketOf(id) : null, labels());
    notices.notify(text, 'error', detail);
  }

  /** Runs one action on a ticket, one at a time; true when it succeeded. */
  async function act(/** @type {string} */ id, /** @type {() => Promise<any>} */ call, /** @type {(data: any) => void} */ done) {
    if (store.get().busy) return false;
    store.update(busyChanged, true);
    try {
      done(await call());
      return true;
    } catch (err) {
      await fail(err, id);
      return false;
    } finally {
      store.update(busyChanged, false);
    }
  }

  const changed = (/** @type {'claim' | 'takeover' | 'close'} */ kind, /** @type {string} */ id) => (/** @type {any} */ data) => {
    if (data.ticket) store.update(ticketChanged, data.ticket, false);
    notices.notify(fill(TEXT.done[kind], { id }), 'info');
  };

  return {
    refresh,

    async list(initial = false) {
      try {
        store.update(ticketsListed, (await api.tickets()).tickets, initial);
      } catch (err) {
        await fail(err, null);
      }
    },

    async open(/** @type {string} */ id) {
      const shown = store.get().detail;
      if (shown && shown.id === id && !shown.loading && !shown.failed) return refresh(id);
      store.update(ticketOpened, id);
      try {
        store.update(detailReceived, id, await api.ticket(id));
      } catch (err) {
        if (!store.get().detail || store.get().detail?.id !== id) return;
        if (err instanceof ApiError && err.status === 404) store.update(ticketGone, id);
        else store.update(detailFailed, id);
        await fail(err, null);
      }
    },

    claim: (/** @type {string} */ id) => act(id, () => api.claim(id), changed('claim', id)),
    takeover: (/** @type {string} */ id) => act(id, () => api.takeover(id), changed('takeover', id)),
    close: (/** @type {string} */ id, /** @type {string} */ note) => act(id, () => api.close(id, note), changed('close', id)),
    reply: (/** @type {string} */ id, /** @type {string} */ text) =>
      act(
        id,
        () => api.reply(id, text),
        (data) => {
          store.update(replyPosted, id, text, data, Date.now());
          if (data.delivered === false) notices.notify(phrase(labels(), 'refusal.offline'), 'warn');
        },
      ),

    /** A ticket from the stream: new ones are announced; a change to the open one by someone else is told. */
    liveTicket(/** @type {any} */ t) {
      if (!t || typeof t.id !== 'string') return;
      const before = store.get();
      const was = before.tickets[t.id];
      store.update(ticketChanged, t, true);
      const me = before.me && before.me.id;
      if (!was && t.status === 'waiting')
        notices.announce(fill(isUrgent(t) ? TEXT.live.urgent : TEXT.live.ticket, { id: t.id, urgent: phrase(labels(), 'priority.urgent') }));
      if (!was || !before.detail || before.detail.id !== t.id || (was.status === t.status && was.agent === t.agent)) return;
      const vars = { id: t.id, agent: holderOf(t) };
      if (t.status === 'cancelled') notices.notify(phrase(labels(), 'refusal.cancelled', vars), 'warn');
      else if (t.status === 'claimed' && t.agent !== me) notices.notify(phrase(labels(), 'refusal.claimed', vars), 'warn');
      else if (t.status === 'closed' && t.agent !== me) notices.notify(phrase(labels(), 'refusal.closed', vars), 'info');
    },

    /** A message from the stream; a new user message on one of the agent's other tickets is announced. */
    liveMessage(/** @type {any} */ m) {
      const before = store.get().unread;
      const after = store.update(liveMessage, m).unread;
      if (after.length > before.length) notices.announce(fill(TEXT.live.unread, { id: after[after.length - 1] }));
    },
  };
}

/** @typedef {ReturnType<typeof createCommands>} Commands */
