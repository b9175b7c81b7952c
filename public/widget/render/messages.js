// The conversation log as view descriptions: message bubbles, and the quick replies under the newest message.

import { cls, h } from '../../shared/view.js';

/**
 * @typedef {import('../state.js').Message} Message
 * @typedef {import('../state.js').QuickReply} QuickReply
 * @typedef {{ kind: 'message' | 'choices', key: string, message: Message }} LogItem
 * @typedef {typeof import('../labels.js').LABELS.ja} Labels
 */

/**
 * The log's items in order: every message, then the newest message's quick replies (only the newest
 * bot or agent message may offer them; anything said after it takes them away).
 * @param {Message[]} messages
 * @returns {LogItem[]}
 */
export function logItems(messages) {
  /** @type {LogItem[]} */
  const items = messages.map((message) => ({ kind: 'message', key: message.key, message }));
  const last = messages[messages.length - 1];
  if (last && (last.role === 'bot' || last.role === 'agent') && last.quickReplies.length) items.push({ kind: 'choices', key: `qr:${last.key}`, message: last });
  return items;
}

/** What a message says: its text, or for the widget's own greeting the label in the current language. */
const textOf = (/** @type {Message} */ m, /** @type {Labels} */ labels) => (m.label ? labels[m.label] : m.text);

/**
 * One bubble. An agent's carries a label; a user's is pending until delivered.
 * @param {Message} message
 * @param {Labels} labels
 */
export function messageView(message, labels) {
  return h(
    'div',
    { class: cls('msg', `msg-${message.role}`, message.pending && 'dbc-pending') },
    message.role === 'agent' && h('span', { class: 'dbc-label' }, labels.agent),
    h('span', { class: 'dbc-text' }, textOf(message, labels)),
  );
}

/**
 * The quick replies of a message as buttons; choosing one sends its payload and shows its title.
 * @param {Message} message
 * @param {Labels} labels
 * @param {(choice: QuickReply) => void} onChoose
 */
export function choicesView(message, labels, onChoose) {
  return h(
    'div',
    { class: 'dbc-qrs', role: 'group', 'aria-label': labels.quickReplies },
    message.quickReplies.map((choice) => h('button', { type: 'button', class: 'qr', on: { click: () => onChoose(choice) } }, choice.title)),
  );
}

/** An item's rendering, minus the pending state (patched in place, so a delivered bubble is not announced again). */
export function itemSignature(/** @type {LogItem} */ item, /** @type {Labels} */ labels) {
  const m = item.message;
  if (item.kind === 'choices') return JSON.stringify([labels.quickReplies, m.quickReplies]);
  return JSON.stringify([m.role, textOf(m, labels), m.role === 'agent' ? labels.agent : '']);
}
