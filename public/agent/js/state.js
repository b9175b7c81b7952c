// The console's state and its pure transitions: tickets, the queue tab, what is new or unread, and the open ticket with its transcript.

import { meFrom } from './rights.js';

/**
 * @typedef {import('./rights.js').Me} Me
 * @typedef {'waiting' | 'claimed' | 'closed'} Tab
 * @typedef {{ key: string, id: string | null, dedupe: string, role: string, text: string, at: number, agent: string | null, pending: boolean }} Line
 * @typedef {{ id: string, loading: boolean, failed: boolean, lines: Line[], buffered: any[], echoed: string[], seq: number }} Detail
 *   `buffered`: live messages that came while the transcript loaded; `echoed`: own replies the stream showed before their POST answered
 * @typedef {{ me: Me | null, filter: Tab, tickets: Record<string, any>, fresh: string[], unread: string[], busy: boolean, detail: Detail | null }} ConsoleState
 */

/** @returns {ConsoleState} */
export function initialState() {
  return { me: null, filter: 'waiting', tickets: {}, fresh: [], unread: [], busy: false, detail: null };
}

/** The queue tab a status belongs to (cancelled tickets are listed with the closed ones). */
export const tabOf = (/** @type {string} */ status) => (status === 'cancelled' ? 'closed' : status);

export const isUrgent = (/** @type {any} */ t) => t.priority === 'urgent' || /^urgent_/.test(String((t.summary && t.summary.reason) || ''));

const without = (/** @type {string[]} */ list, /** @type {string} */ id) => (list.includes(id) ? list.filter((x) => x !== id) : list);
const isTicket = (/** @type {any} */ t) => t && typeof t === 'object' && typeof t.id === 'string';

/** @param {ConsoleState} state */
export const signedIn = (state, /** @type {any} */ body) => ({ ...initialState(), filter: state.filter, me: meFrom(body) });

/** @param {ConsoleState} state @param {Tab} filter */
export const filterChosen = (state, filter) => (state.filter === filter ? state : { ...state, filter });

/** @param {ConsoleState} state @param {boolean} busy */
export const busyChanged = (state, busy) => (state.busy === busy ? state : { ...state, busy });

/**
 * The tickets of the current tab in the order agents work them: waiting ones urgent first, then oldest first;
 * claimed ones the agent's own first; then the most recently updated first.
 * @param {ConsoleState} state
 */
export function queueOf(state) {
  const me = state.me && state.me.id;
  const rank = (/** @type {any} */ t) => (state.filter === 'waiting' ? (isUrgent(t) ? 0 : 1) : state.filter === 'claimed' ? (t.agent === me ? 0 : 1) : 0);
  return Object.values(state.tickets)
    .filter((t) => tabOf(t.status) === state.filter)
    .sort((a, b) => rank(a) - rank(b) || (state.filter === 'waiting' ? (a.createdAt || 0) - (b.createdAt || 0) : (b.updatedAt || 0) - (a.updatedAt || 0)));
}

/** How many tickets each tab holds. */
export function countsOf(/** @type {ConsoleState} */ state) {
  const counts = { waiting: 0, claimed: 0, closed: 0 };
  for (const t of Object.values(state.tickets)) if (tabOf(t.status) in counts) counts[/** @type {Tab} */ (tabOf(t.status))] += 1;
  return counts;
}

/**
 * The whole list arrived. On a refresh (not the first load), waiting tickets not seen before are new.
 * @param {ConsoleState} state
 * @param {any[]} list
 * @param {boolean} initial
 * @returns {ConsoleState}
 */
export function ticketsListed(state, list, initial) {
  /** @type {Record<string, any>} */
  const tickets = {};
  const fresh = new Set(state.fresh);
  for (const t of Array.isArray(list) ? list : []) {
    if (!isTicket(t)) continue;
    if (!initial && !state.tickets[t.id] && t.status === 'waiting') fresh.add(t.id);
    tickets[t.id] = { ...t, events: t.events || (state.tickets[t.id] && state.tickets[t.id].events) };
  }
  return { ...state, tickets, fresh: [...fresh].filter((id) => tickets[id] && tickets[id].status === 'waiting') };
}

/**
 * One ticket changed (an action's answer, or a live event). Older news than what is shown is ignored; a live
 * ticket never seen before that waits is new. A ticket without `events` keeps the ones known.
 * @param {ConsoleState} state
 * @param {any} ticket
 * @param {boolean} live
 * @returns {ConsoleState}
 */
export function ticketChanged(state, ticket, live) {
  if (!isTicket(ticket)) return state;
  const prev = state.tickets[ticket.id];
  if (prev && prev.updatedAt && ticket.updatedAt && ticket.updatedAt < prev.updatedAt) return state;
  const next = { ...ticket, events: ticket.events || (prev && prev.events) };
  const fresh = ticket.status !== 'waiting' ? without(state.fresh, ticket.id) : live && !prev ? [...state.fresh, ticket.id] : state.fresh;
  return { ...state, tickets: { ...state.tickets, [ticket.id]: next }, fresh };
}

/**
 * The agent opened a ticket: its transcript loads; it is no longer new or unread.
 * @param {ConsoleState} state
 * @param {string} id
 * @returns {ConsoleState}
 */
export function ticketOpened(state, id) {
  return {
    ...state,
    fresh: without(state.fresh, id),
    unread: without(state.unread, id),
    detail: { id, loading: true, failed: false, lines: [], buffered: [], echoed: [], seq: 0 },
  };
}

/**
 * The server no longer knows a ticket (404): it leaves the queue, and the detail if open.
 * @param {ConsoleState} state
 * @param {string} id
 * @returns {ConsoleState}
 */
export function ticketGone(state, id) {
  const tickets = { ...state.tickets };
  delete tickets[id];
  return {
    ...state,
    tickets,
    fresh: without(state.fresh, id),
    unread: without(state.unread, id),
    detail: state.detail && state.detail.id === id ? null : state.detail,
  };
}

/** @param {ConsoleState} state */
export const detailClosed = (state) => (state.detail ? { ...state, detail: null } : state);

/** @param {ConsoleState} state @param {string} id */
export const detailFailed = (state, id) =>
  state.detail && state.detail.id === id ? { ...state, detail: { ...state.detail, loading: false, failed: true } } : state;

/**
 * GET /tickets/:id answered: the ticket, and its transcript, which fills a loading detail (then the messages
 * buffered meanwhile follow) or is merged into a shown one (after a reconnect), without duplicates.
 * @param {ConsoleState} state
 * @param {string} id
 * @param {{ ticket?: any, transcript?: any[] }} data
 * @returns {ConsoleState}
 */
export function detailReceived(state, id, data) {
  const next = data.ticket ? ticketChanged(state, data.ticket, false) : state;
  let detail = next.detail;
  if (!detail || detail.id !== id) return next;
  const transcript = Array.isArray(data.transcript) ? data.transcript : [];
  const buffered = detail.loading ? detail.buffered : [];
  if (detail.loading) detail = { ...detail, loading: false, failed: false, lines: [], buffered: [] };
  for (const m of transcript) detail = withLine(detail, m, next.me, false);
  for (const m of buffered) detail = withLine(detail, m, next.me, true);
  return { ...next, detail };
}

/**
 * A live message (SSE). It updates its ticket's time; on the open ticket it joins the transcript (or waits while
 * it loads); a user's message on one of the agent's own other tickets marks that ticket unread.
 * @param {ConsoleState} state
 * @param {any} m { ticketId, role, text, at, agent?, id? }
 * @returns {ConsoleState}
 */
export function liveMessage(state, m) {
  if (!m || typeof m.ticketId !== 'string') return state;
  const t = state.tickets[m.ticketId];
  const tickets = t && m.at && (!t.updatedAt || m.at > t.updatedAt) ? { ...state.tickets, [t.id]: { ...t, updatedAt: m.at } } : state.tickets;
  const d = state.detail;
  if (d && d.id === m.ticketId) return { ...state, tickets, detail: d.loading ? { ...d, buffered: [...d.buffered, m] } : withLine(d, m, state.me, true) };
  const mine = t && t.status === 'claimed' && state.me && t.agent === state.me.id;
  if (m.role === 'user' && mine && !state.unread.includes(t.id)) return { ...state, tickets, unread: [...state.unread, t.id] };
  return { ...state, tickets };
}

/**
 * The agent's reply was accepted (POST answered `response`, which may carry the line's `id`). It shows at once,
 * pending until the stream echoes it, unless the stream already showed it.
 * @param {ConsoleState} state
 * @param {string} ticketId
 * @param {string} text
 * @param {any} response
 * @param {number} at
 * @returns {ConsoleState}
 */
export function replyPosted(state, ticketId, text, response, at) {
  const d = state.detail;
  if (!d || d.id !== ticketId) return state;
  const id = response && response.id !== undefined && response.id !== null ? String(response.id) : null;
  const echo = d.echoed.indexOf(text);
  const echoed = echo >= 0 ? [...d.echoed.slice(0, echo), ...d.echoed.slice(echo + 1)] : d.echoed;
  if (id ? d.lines.some((l) => l.id === id) : echo >= 0) return { ...state, detail: { ...d, echoed } };
  const seq = d.seq + 1;
  /** @type {Line} */
  const line = { key: id ? `id:${id}` : `local:${seq}`, id, dedupe: '', role: 'agent', text, at, agent: state.me && state.me.id, pending: !id };
  return { ...state, detail: { ...d, seq, lines: [...d.lines, line] } };
}

/**
 * A transcript line joins the detail unless it is already there (same `id`; without ids, same role, time and
 * text). The agent's own line confirms the oldest pending one with its text, in place, so two identical
 * replies stay two lines.
 * @param {Detail} detail
 * @param {any} m
 * @param {Me | null} me
 * @param {boolean} live from the stream (an own reply there may beat its POST's answer)
 * @returns {Detail}
 */
function withLine(detail, m, me, live) {
  if (!m || typeof m !== 'object') return detail;
  const id = m.id === undefined || m.id === null ? null : String(m.id);
  const text = String(m.text ?? '');
  const dedupe = `${m.role}\u0000${m.at}\u0000${text}`;
  if (detail.lines.some((l) => (id ? l.id === id : !l.pending && l.dedupe === dedupe))) return detail;
  const fields = { id, dedupe, role: String(m.role), text, at: Number(m.at) || 0, agent: typeof m.agent === 'string' ? m.agent : null, pending: false };
  if (m.role === 'agent' && (!m.agent || (me && m.agent === me.id))) {
    const pending = detail.lines.findIndex((l) => l.pending && l.text === text);
    if (pending >= 0) return { ...detail, lines: detail.lines.map((l, i) => (i === pending ? { ...l, ...fields } : l)) };
    if (live) detail = { ...detail, echoed: [...detail.echoed, text] };
  }
  const seq = detail.seq + 1;
  return { ...detail, seq, lines: [...detail.lines, { key: id ? `id:${id}` : `n:${seq}`, ...fields }] };
}
