// The widget's entry: mounts the chat on the host page and wires state, rendering and transport together.

import { safeStorage } from '../shared/storage.js';
import { createStore } from '../shared/store.js';
import { syncChildren } from '../shared/view.js';
import { createApi } from './api.js';
import { settingsFrom } from './config.js';
import { createDelivery } from './delivery.js';
import { labelsFor } from './labels.js';
import { applyLabels, buildChrome } from './render/chrome.js';
import { choicesView, itemSignature, logItems, messageView } from './render/messages.js';
import { createSession } from './session.js';
import { createSocket } from './socket.js';
import {
  connectionChanged,
  frameReceived,
  historyLoaded,
  initialState,
  messageQueued,
  noticeCleared,
  panelToggled,
  sessionRenewed,
  shownMessages,
  typingChanged,
} from './state.js';

const OPEN_KEY = 'dbarai-chat-open';
const TYPING_TIMEOUT = 30000; // never leave the dots spinning if a reply got lost
const NOTICE_TIMEOUT = 8000;

/**
 * Mounts the widget once the page has a body.
 * @param {{ data: Record<string, string | undefined>, scriptSrc: string, calls?: [string, any[]][] }} options
 *   `data`: the script tag's data-* attributes; `calls`: API calls made before the modules arrived
 */
export function mount(options) {
  if (!document.body) {
    document.addEventListener('DOMContentLoaded', () => mount(options), { once: true });
    return;
  }
  const settings = settingsFrom(options.data, {
    pageLang: document.documentElement.lang,
    scriptSrc: options.scriptSrc,
    pageUrl: location.href,
    isColor: (value) => Boolean(window.CSS && CSS.supports('color', value)),
  });
  const store = createStore(initialState(settings.lang));
  const ui = buildChrome(settings, new URL('widget.css', import.meta.url).href);
  const tabStorage = safeStorage('sessionStorage');
  const api = createApi(settings.server);
  const session = createSession(api, safeStorage('localStorage'), () => store.update(sessionRenewed));
  const socket = createSocket({
    url: (user) => `${settings.wsServer}/api/messages?user=${encodeURIComponent(user)}`,
    ensureUser: session.ensure,
    onFrame: (frame) => store.update(frameReceived, frame),
    onState: onSocketState,
    onRefused: async (user) => {
      const res = await api.history(user);
      if (res.status !== 401) return false;
      await session.renew(user);
      return true;
    },
  });
  const delivery = createDelivery({ store, api, session, socket });
  let started = false;
  let wasDown = false;

  // ---- rendering ----------------------------------------------------------

  let typingTimer = 0;
  let noticeTimer = 0;
  store.subscribe(render);
  render(store.get(), null);

  function render(state, prev) {
    const labels = labelsFor(state.lang, settings);
    if (!prev || state.lang !== prev.lang) applyLabels(ui, labels, state.lang);
    const before = ui.log.lastElementChild;
    syncChildren(ui.log, logItems(shownMessages(state)), {
      key: (item) => item.key,
      sig: (item) => itemSignature(item, labels),
      build: (item) => (item.kind === 'choices' ? choicesView(item.message, labels, choose) : messageView(item.message, labels)),
      patch: (node, item) => node.classList.toggle('dbc-pending', Boolean(item.message.pending)),
    });
    ui.typing.hidden = !state.typing;
    ui.offline.hidden = state.phase !== 'down';
    ui.root.classList.toggle('dbc-offline', state.phase === 'down');
    ui.notice.hidden = !state.notice;
    const notice = state.notice ? state.notice.text || (state.notice.code === 'too_large' ? labels.tooLong : labels.error) : '';
    if (ui.notice.textContent !== notice) ui.notice.textContent = notice; // an alert: rewritten only when it changes, so it is said once
    ui.panel.hidden = !state.isOpen;
    ui.root.classList.toggle('dbc-open', state.isOpen);
    ui.bubble.setAttribute('aria-expanded', String(state.isOpen));
    ui.badge.hidden = !state.unread;
    if (!prev) return;
    if (state.restore !== prev.restore && state.restore && !ui.input.value.trim()) ui.input.value = state.restore.text;
    if (ui.log.lastElementChild !== before || (state.typing && !prev.typing) || (state.isOpen && !prev.isOpen)) scrollDown();
    if (state.typing !== prev.typing) {
      clearTimeout(typingTimer);
      if (state.typing) typingTimer = setTimeout(() => store.update(typingChanged, false), TYPING_TIMEOUT);
    }
    if (state.notice !== prev.notice) {
      clearTimeout(noticeTimer);
      if (state.notice) noticeTimer = setTimeout(() => store.update(noticeCleared), NOTICE_TIMEOUT);
    }
  }

  function scrollDown() {
    ui.scroll.scrollTop = ui.scroll.scrollHeight;
  }

  // ---- transport ----------------------------------------------------------

  async function loadHistory() {
    const user = await session.ensure();
    let res = await api.history(user);
    if (res.status === 401) res = await api.history(await session.renew(user));
    if (!res.ok) throw new Error(`history: HTTP ${res.status}`);
    store.update(historyLoaded, res.body && res.body.messages);
  }

  function onSocketState(phase) {
    store.update(connectionChanged, phase);
    if (phase === 'down') {
      wasDown = true;
      void delivery.drain(); // queued messages can still go through the webhook
    } else if (phase === 'open') {
      // Messages (from an agent, say) may have arrived while we were away.
      const catchUp = wasDown ? loadHistory().catch(() => {}) : Promise.resolve();
      wasDown = false;
      void catchUp.then(delivery.drain);
    }
  }

  function start() {
    if (started) return;
    started = true;
    store.update(connectionChanged, 'connecting');
    loadHistory()
      .catch((err) => {
        console.warn('[dbarai-chat]', err);
        store.update(historyLoaded, []);
      })
      .finally(socket.connect);
  }

  // ---- actions ------------------------------------------------------------

  /** Shows `display` (or `text`) as the user's bubble and delivers `text`. */
  function send(text, display) {
    const value = String(text ?? '').trim();
    if (!value) return false;
    store.update(messageQueued, value, display);
    start();
    void delivery.drain();
    return true;
  }

  function choose(choice) {
    send(choice.payload, choice.title);
    ui.input.focus(); // the clicked button is gone: keep focus inside the panel
  }

  function submitInput() {
    if (send(ui.input.value)) ui.input.value = '';
    ui.input.focus();
  }

  function open(restoring = false) {
    start();
    if (store.get().isOpen) return;
    store.update(panelToggled, true);
    tabStorage.set(OPEN_KEY, '1');
    if (!restoring) ui.input.focus();
  }

  function close() {
    if (!store.get().isOpen) return;
    store.update(panelToggled, false);
    tabStorage.set(OPEN_KEY, null);
    ui.bubble.focus();
  }

  ui.bubble.addEventListener('click', () => (store.get().isOpen ? close() : open()));
  ui.close.addEventListener('click', () => close());
  ui.panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close();
  });
  ui.input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault(); // Enter is ours, so confirming an IME conversion never sends
    if (!e.isComposing && e.keyCode !== 229) submitInput();
  });
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    submitInput();
  });
  window.addEventListener('online', () => started && socket.retryNow());

  const chat = { open: () => open(), close, send: (text) => send(text) };
  window.dbaraiChat = chat;
  for (const [name, args] of options.calls || []) chat[name]?.(...args);
  // A returning visitor connects now so agent replies arrive (unread badge); an open panel stays open across pages.
  if (session.user) start();
  if (tabStorage.get(OPEN_KEY)) open(true);
}
