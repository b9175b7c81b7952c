// The widget's state and its pure transitions: the conversation on screen, what waits for delivery, the connection and the conversation's language.

import { errorCode } from '../shared/http.js';
import { langOf } from './labels.js';

/**
 * @typedef {import('./labels.js').Lang} Lang
 * @typedef {{ title: string, payload: string }} QuickReply
 * @typedef {{ key: string, id: string | null, role: 'user' | 'bot' | 'agent' | 'system', text: string, label?: 'greeting',
 *   quickReplies: QuickReply[], lang: Lang | null, pending?: boolean }} Message
 * @typedef {{ key: string, text: string }} Outgoing
 * @typedef {{ code: string | null, text: string | null }} Notice the server's words (`text`), else the widget's label for `code`
 * @typedef {{
 *   lang: Lang, earlier: Message[], messages: Message[], outbox: Outgoing[], awaiting: Outgoing[],
 *   phase: 'idle' | 'connecting' | 'open' | 'down', typing: boolean, notice: Notice | null,
 *   isOpen: boolean, unread: boolean, restore: { text: string } | null, seq: number
 * }} WidgetState
 */

const ROLES = ['user', 'bot', 'agent', 'system'];
const GREETING = { key: 'greeting', id: null, role: 'bot', text: '', label: 'greeting', quickReplies: [], lang: null };

/**
 * @param {Lang} lang the page's language, until a bot message says otherwise
 * @returns {WidgetState}
 */
export function initialState(lang) {
  return {
    lang,
    earlier: [], // messages of an id that expired: still shown, never merged with the new id's history
    messages: [],
    outbox: [], // user messages not delivered yet, oldest first; their bubbles are pending
    awaiting: [], // sent over the socket and not yet acknowledged (its typing frame)
    phase: 'idle',
    typing: false,
    notice: null,
    isOpen: false,
    unread: false,
    restore: null, // a refused message's text, for the input
    seq: 0,
  };
}

/** Everything the log shows, oldest first. */
export const shownMessages = (/** @type {WidgetState} */ state) => [...state.earlier, ...state.messages];

const isObject = (v) => v !== null && typeof v === 'object';

/** @returns {QuickReply[]} */
function quickRepliesOf(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((qr) => isObject(qr) && typeof qr.title === 'string' && qr.title)
    .map((qr) => ({ title: qr.title, payload: typeof qr.payload === 'string' && qr.payload ? qr.payload : qr.title }));
}

/**
 * A history item ({ role, text, … }) or a frame ({ type: 'message', from, text, … }) as a message.
 * @returns {Message}
 */
export function toMessage(raw, key) {
  const role = ROLES.includes(raw.role) ? raw.role : raw.from === 'agent' ? 'agent' : 'bot';
  const id = raw.id === undefined || raw.id === null ? null : String(raw.id);
  return {
    key: id ? `id:${id}` : key,
    id,
    role,
    text: String(raw.text ?? ''),
    quickReplies: quickRepliesOf(raw.quick_replies),
    lang: role === 'bot' ? langOf(raw.lang) : null,
  };
}

/** The language of the newest bot message that names one. */
const langIn = (messages) => messages.reduce((lang, m) => m.lang || lang, null);

const hasId = (state, id) => shownMessages(state).some((m) => m.id === id);

/**
 * The history arrived. With ids, messages that came live after it was read stay (the rest is deduplicated);
 * without, it replaces what was shown. Undelivered messages stay at the end; an empty conversation gets the greeting.
 * @param {WidgetState} state
 * @returns {WidgetState}
 */
export function historyLoaded(state, items) {
  const history = (Array.isArray(items) ? items : []).filter(isObject).map((item, i) => toMessage(item, `h:${i}`));
  const ids = new Set(history.map((m) => m.id).filter(Boolean));
  const live = state.messages.filter((m) => m.id && !ids.has(m.id) && !m.pending);
  const pending = state.messages.filter((m) => m.pending);
  const greeting = history.length || live.length || state.earlier.length ? [] : [GREETING];
  const messages = [...greeting, ...history, ...live, ...pending];
  return { ...state, messages, lang: langIn(history) || state.lang };
}

/**
 * A socket frame, or one reply of the webhook.
 * @param {WidgetState} state
 * @returns {WidgetState}
 */
export function frameReceived(state, frame) {
  if (!isObject(frame)) return state;
  if (frame.type === 'typing') {
    // `done`: the turn went to an agent, no bot reply follows. A plain typing frame acknowledges the oldest message sent.
    if (frame.done === true) return { ...state, typing: false };
    return { ...state, typing: true, awaiting: state.awaiting.slice(1) };
  }
  if (frame.type === 'error') {
    const notice = noticeOf(frame, 0);
    const refused = state.awaiting[state.awaiting.length - 1];
    return refused ? messageRejected(state, refused.key, notice) : { ...state, typing: false, notice };
  }
  if (frame.type !== 'message' && !(frame.type === undefined && typeof frame.text === 'string')) return state;
  const message = toMessage(frame, `l:${state.seq + 1}`);
  if (message.id && hasId(state, message.id)) return { ...state, typing: false };
  return {
    ...state,
    seq: state.seq + 1,
    messages: [...state.messages, message],
    typing: false,
    lang: message.lang || state.lang,
    unread: state.unread || !state.isOpen,
  };
}

/**
 * What to tell the user about a refused message: the server's `message`, else a code the widget has words for.
 * @param {any} body an error body or error frame
 * @param {number} status the HTTP status (0 for a frame)
 * @returns {Notice}
 */
export function noticeOf(body, status) {
  const code = errorCode(body) || (status === 413 ? 'too_large' : null);
  return { code, text: isObject(body) && typeof body.message === 'string' && body.message ? body.message : null };
}

/**
 * The user sent something: a pending bubble (showing `display`, e.g. a quick reply's title) and a delivery.
 * @param {WidgetState} state
 * @returns {WidgetState}
 */
export function messageQueued(state, text, display) {
  const key = `l:${state.seq + 1}`;
  /** @type {Message} */
  const message = { key, id: null, role: 'user', text: display || text, quickReplies: [], lang: null, pending: true };
  return { ...state, seq: state.seq + 1, messages: [...state.messages, message], outbox: [...state.outbox, { key, text }], notice: null };
}

/**
 * A queued message went out (`socket` ones wait for their acknowledgement).
 * @param {WidgetState} state
 * @param {string} key
 * @param {'socket' | 'webhook'} via
 * @returns {WidgetState}
 */
export function messageSent(state, key, via) {
  const item = state.outbox.find((o) => o.key === key);
  if (!item) return state;
  return {
    ...state,
    outbox: state.outbox.filter((o) => o !== item),
    awaiting: via === 'socket' ? [...state.awaiting, item] : state.awaiting,
    messages: state.messages.map((m) => (m.key === key ? { ...m, pending: false } : m)),
  };
}

/**
 * The server refused a message (too long, malformed, too many): its bubble goes, its text goes back to the input.
 * @param {WidgetState} state
 * @param {string} key
 * @param {Notice} notice
 * @returns {WidgetState}
 */
export function messageRejected(state, key, notice) {
  const item = state.outbox.find((o) => o.key === key) || state.awaiting.find((o) => o.key === key);
  return {
    ...state,
    messages: state.messages.filter((m) => m.key !== key),
    outbox: state.outbox.filter((o) => o.key !== key),
    awaiting: state.awaiting.filter((o) => o.key !== key),
    typing: false,
    notice,
    restore: item ? { text: item.text } : state.restore,
  };
}

/**
 * The id expired and a new one was issued: what was said stays on screen, above the new id's conversation.
 * @param {WidgetState} state
 * @returns {WidgetState}
 */
export function sessionRenewed(state) {
  const said = state.messages.filter((m) => !m.pending);
  return { ...state, earlier: [...state.earlier, ...said], messages: state.messages.filter((m) => m.pending), awaiting: [] };
}

/**
 * @param {WidgetState} state
 * @param {WidgetState['phase']} phase
 * @returns {WidgetState}
 */
export function connectionChanged(state, phase) {
  if (phase === state.phase) return state;
  return phase === 'down' ? { ...state, phase, typing: false, awaiting: [] } : { ...state, phase };
}

/** @param {WidgetState} state @param {boolean} typing */
export const typingChanged = (state, typing) => (state.typing === typing ? state : { ...state, typing });

/** @param {WidgetState} state @param {boolean} isOpen */
export const panelToggled = (state, isOpen) => (state.isOpen === isOpen ? state : { ...state, isOpen, unread: isOpen ? false : state.unread });

/** @param {WidgetState} state */
export const noticeCleared = (state) => (state.notice ? { ...state, notice: null } : state);
