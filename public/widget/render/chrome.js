// The widget's frame (launcher, panel, header, log, typing dots, notice, form), built once; its words are re-applied when the language changes.

import { h, toNode } from '../../shared/view.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zM7 9h10v2H7zm0-3h10v2H7zm0 6h7v2H7z';

/** @typedef {ReturnType<typeof buildChrome>} Chrome */

const dot = () => h('span', { class: 'dbc-dot', 'aria-hidden': 'true' });

/**
 * The widget's DOM, hidden until its stylesheet has loaded (no flash of unstyled content on the host page).
 * @param {{ color: string, position: 'left' | 'right' }} settings
 * @param {string} stylesheet the URL of widget.css
 */
export function buildChrome(settings, stylesheet) {
  const view = h(
    'div',
    { id: 'dbarai-chat', class: `dbc-${settings.position}`, hidden: true },
    h(
      'div',
      { id: 'dbarai-chat-panel', role: 'dialog', hidden: true },
      h('div', { class: 'dbc-head' }, h('h2', { class: 'dbc-title' }), h('button', { type: 'button', class: 'dbc-close' }, '×')),
      h('div', { id: 'dbarai-chat-offline', role: 'status', hidden: true }),
      h(
        'div',
        { class: 'dbc-scroll' },
        h('div', { id: 'dbarai-chat-log', class: 'dbc-log', role: 'log', 'aria-live': 'polite' }),
        h('div', { id: 'dbarai-chat-typing', hidden: true }, h('span', { class: 'dbc-sr' }), dot(), dot(), dot()),
      ),
      h('div', { class: 'dbc-notice', role: 'alert', hidden: true }),
      h(
        'form',
        { class: 'dbc-form' },
        h('label', { for: 'dbarai-chat-input', class: 'dbc-sr' }),
        // Longer than the server accepts, so a long text is refused politely (and kept) instead of cut silently.
        h('input', { id: 'dbarai-chat-input', type: 'text', autocomplete: 'off', maxlength: '10000', enterkeyhint: 'send' }),
        h('button', { type: 'submit', id: 'dbarai-chat-send' }),
      ),
    ),
    h(
      'button',
      { type: 'button', id: 'dbarai-chat-bubble', 'aria-expanded': 'false', 'aria-controls': 'dbarai-chat-panel' },
      h('svg', { ns: SVG, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' }, h('path', { ns: SVG, fill: 'currentColor', d: CHAT_ICON })),
      h('span', { class: 'dbc-badge', hidden: true }, h('span', { class: 'dbc-sr' })),
    ),
  );
  const root = /** @type {HTMLElement} */ (toNode(view));
  root.style.setProperty('--dbc-color', settings.color);
  const $ = (/** @type {string} */ selector) => /** @type {any} */ (root.querySelector(selector));
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  link.addEventListener('load', () => (root.hidden = false), { once: true });
  link.addEventListener('error', () => console.warn('[dbarai-chat] could not load', stylesheet), { once: true });
  document.head.append(link);
  document.body.append(root);
  return {
    root,
    /** @type {HTMLElement} */ panel: $('#dbarai-chat-panel'),
    /** @type {HTMLElement} */ title: $('.dbc-title'),
    /** @type {HTMLButtonElement} */ close: $('.dbc-close'),
    /** @type {HTMLElement} */ offline: $('#dbarai-chat-offline'),
    /** @type {HTMLElement} */ scroll: $('.dbc-scroll'),
    /** @type {HTMLElement} */ log: $('#dbarai-chat-log'),
    /** @type {HTMLElement} */ typing: $('#dbarai-chat-typing'),
    /** @type {HTMLElement} */ notice: $('.dbc-notice'),
    /** @type {HTMLFormElement} */ form: $('.dbc-form'),
    /** @type {HTMLElement} */ inputLabel: $('label.dbc-sr'),
    /** @type {HTMLInputElement} */ input: $('#dbarai-chat-input'),
    /** @type {HTMLButtonElement} */ send: $('#dbarai-chat-send'),
    /** @type {HTMLButtonElement} */ bubble: $('#dbarai-chat-bubble'),
    /** @type {HTMLElement} */ badge: $('.dbc-badge'),
  };
}

/**
 * Puts the words of one language on the frame.
 * @param {Chrome} ui
 * @param {typeof import('../labels.js').LABELS.ja} labels
 * @param {import('../labels.js').Lang} lang
 */
export function applyLabels(ui, labels, lang) {
  ui.root.lang = lang;
  ui.panel.setAttribute('aria-label', labels.title);
  ui.title.textContent = labels.title;
  ui.close.setAttribute('aria-label', labels.close);
  ui.offline.textContent = labels.offline;
  /** @type {HTMLElement} */ (ui.typing.firstElementChild).textContent = labels.typing;
  ui.inputLabel.textContent = labels.label;
  ui.input.placeholder = labels.placeholder;
  ui.send.textContent = labels.send;
  ui.bubble.setAttribute('aria-label', labels.bubble);
  /** @type {HTMLElement} */ (ui.badge.firstElementChild).textContent = labels.unread;
}
