// The agent console's entry: finds its elements, loads the labels, signs in, and wires state, rendering, the API and the live stream.

import { requestJson } from '../../shared/http.js';
import { createStore } from '../../shared/store.js';
import { ApiError, createApi } from './api.js';
import { createCommands } from './commands.js';
import { createEvents } from './events.js';
import { ageText } from './format.js';
import { createInbox } from './inbox/controller.js';
import { createNotices } from './notices.js';
import { applyStaticLabels, renderConsole } from './render/console.js';
import { linkWithToken, storedToken, storeToken, takeTokenFromAddress } from './session.js';
import { filterChosen, initialState, signedIn } from './state.js';
import { onTabKeys } from './tabs.js';
import { TEXT } from './text.js';

const TIMELINE_REFRESH_MS = 300;
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

const el = {
  notices: $('agent-notices'),
  live: $('agent-live'),
  loginView: $('agent-login-view'),
  signinForm: $('agent-signin-form'),
  signinBtn: $('agent-signin'),
  signinError: $('agent-signin-error'),
  tokenInput: $('agent-token'),
  app: $('agent-app'),
  nav: $('agent-nav'),
  analytics: $('agent-analytics'),
  user: $('agent-user'),
  name: $('agent-name'),
  signout: $('agent-signout'),
  conn: $('agent-conn'),
  connText: $('agent-conn-text'),
  tabs: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.tab[data-filter]')]),
  tabWaiting: $('agent-tab-waiting'),
  counts: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.tab-count[data-count]')]),
  queuePanel: $('agent-queue-panel'),
  queue: $('agent-queue'),
  queueEmpty: $('agent-queue-empty'),
  detailEmpty: $('agent-detail-empty'),
  detailBody: $('agent-detail-body'),
  ticketTitle: $('agent-ticket-title'),
  ticketBadges: $('agent-ticket-badges'),
  ticketMeta: $('agent-ticket-meta'),
  summary: $('agent-summary'),
  timelineWrap: $('agent-timeline-wrap'),
  timeline: $('agent-timeline'),
  transcript: $('agent-transcript'),
  claim: $('agent-claim'),
  takeover: $('agent-takeover'),
  claimInfo: $('agent-claim-info'),
  replyForm: $('agent-reply-form'),
  reply: $('agent-reply'),
  send: $('agent-send'),
  closeForm: $('agent-close-form'),
  note: $('agent-note'),
  close: $('agent-close'),
};

/** @type {import('./labels.js').Labels} */
let labels = {};
/** @type {string | null} */
let token = null;
const store = createStore(initialState());
const notices = createNotices(el.notices, el.live);
const api = createApi(() => token);
const commands = createCommands({ store, api, notices, labels: () => labels, onExpired: () => signOut(TEXT.error.expired) });
const inbox = createInbox({ api, notices, labels: () => labels, me: () => store.get().me, onExpired: () => signOut(TEXT.error.expired) });
const events = createEvents({
  url: api.eventsUrl,
  onTicket: commands.liveTicket,
  onMessage: commands.liveMessage,
  onState: showConnection,
  stillSignedIn: async () => {
    try {
      await api.me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        signOut(TEXT.error.expired);
        return false;
      }
    }
    return true;
  },
});

const currentId = () => store.get().detail?.id ?? null;
const draw = (state = store.get(), prev = null) => renderConsole(el, state, prev, { labels, onOpen: openTicket });
store.subscribe((state, prev) => draw(state, prev));

// The timeline comes with GET /tickets/:id only: read it again when the open ticket changes hands or status.
let timelineTimer = 0;
const refreshTimelineSoon = (/** @type {string} */ id) => {
  clearTimeout(timelineTimer);
  timelineTimer = window.setTimeout(() => currentId() === id && void commands.refresh(id), TIMELINE_REFRESH_MS);
};
store.subscribe((state, prev) => {
  const id = state.detail && !state.detail.loading ? state.detail.id : null;
  const now = id && state.tickets[id];
  const before = id && prev.tickets[id];
  if (now && before && Array.isArray(now.events) && (now.status !== before.status || now.agent !== before.agent)) refreshTimelineSoon(now.id);
});

// ---- sign-in --------------------------------------------------------------

function showLogin(/** @type {string | null} */ error) {
  inbox.stop();
  el.loginView.hidden = false;
  for (const node of [el.app, el.nav, el.user, el.signout, el.conn]) node.hidden = true;
  el.signinError.hidden = !error;
  el.signinError.textContent = error || '';
  document.title = TEXT.title;
  setTimeout(() => el.tokenInput.focus(), 0);
}

async function signIn(/** @type {string} */ candidate, /** @type {boolean} */ fromForm) {
  token = candidate;
  el.signinBtn.disabled = true;
  try {
    const me = await api.me();
    storeToken(candidate);
    el.tokenInput.value = '';
    store.update(signedIn, me);
    showApp();
  } catch (err) {
    token = null;
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      storeToken(null);
      showLogin(fromForm ? TEXT.error.badToken : TEXT.error.staleToken);
    } else showLogin(err instanceof ApiError && err.status === 0 ? TEXT.error.network : TEXT.error.signIn); // the stored token stays for a reload
  } finally {
    el.signinBtn.disabled = false;
  }
}

function showApp() {
  el.loginView.hidden = true;
  for (const node of [el.app, el.nav, el.user, el.signout, el.conn]) node.hidden = false;
  el.name.textContent = store.get().me?.name || TEXT.noName;
  el.analytics.href = linkWithToken('/agent/analytics', token);
  draw();
  inbox.start(); // shows the inbox instead of the queue when the address says #inbox
  void commands.list(true);
  events.start();
}

function signOut(/** @type {string | null} */ message) {
  events.stop();
  storeToken(null);
  token = null;
  store.update(() => initialState());
  el.analytics.href = linkWithToken('/agent/analytics', null);
  showLogin(message);
}

function showConnection(/** @type {'open' | 'closed'} */ state, /** @type {boolean} */ reconnected) {
  if (el.conn.dataset.state !== state) {
    el.conn.dataset.state = state;
    el.connText.textContent = TEXT.conn[state]; // a live region: said when it changes, not on every retry
    el.conn.title = state === 'open' ? TEXT.conn.openTitle : TEXT.conn.closedTitle;
  }
  if (!reconnected) return;
  // Events may have been missed while away: read again.
  void commands.list(false);
  const id = currentId();
  if (id) void commands.refresh(id);
}

// ---- the agent's actions --------------------------------------------------

function openTicket(/** @type {string} */ id) {
  if (id !== currentId()) {
    el.reply.value = '';
    el.note.value = '';
  }
  void commands.open(id);
}

async function claim(/** @type {'claim' | 'takeover'} */ how) {
  const id = currentId();
  if (id && (await commands[how](id)) && currentId() === id && !el.reply.disabled) el.reply.focus();
}

async function sendReply() {
  const id = currentId();
  const text = el.reply.value.trim();
  if (!id || el.reply.disabled) return;
  if (!text) return el.reply.focus();
  if (!(await commands.reply(id, text)) || currentId() !== id) return;
  if (el.reply.value.trim() === text) el.reply.value = '';
  el.reply.focus();
  if (Array.isArray(store.get().tickets[id]?.events)) refreshTimelineSoon(id);
}

async function closeTicket() {
  const id = currentId();
  if (id && !el.close.disabled && (await commands.close(id, el.note.value.trim())) && currentId() === id) el.note.value = '';
}

/** Up and down arrows move between the tickets of the queue. */
function onQueueKey(/** @type {KeyboardEvent} */ ev) {
  if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
  const items = /** @type {HTMLElement[]} */ ([...el.queue.querySelectorAll('.ticket-item')]);
  const i = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
  if (i === -1) return;
  ev.preventDefault();
  items[ev.key === 'ArrowDown' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1)].focus();
}

el.signinForm.addEventListener('submit', (/** @type {Event} */ ev) => {
  ev.preventDefault();
  const candidate = el.tokenInput.value.trim();
  if (candidate) void signIn(candidate, true);
  else showLogin(TEXT.error.noToken);
});
el.signout.addEventListener('click', () => signOut(null));
const chooseTab = (/** @type {HTMLElement} */ tab) => store.update(filterChosen, tab.dataset.filter);
for (const tab of el.tabs) {
  tab.addEventListener('click', () => chooseTab(tab));
  tab.addEventListener('keydown', onTabKeys(el.tabs, chooseTab));
}
el.queue.addEventListener('keydown', onQueueKey);
el.claim.addEventListener('click', () => void claim('claim'));
el.takeover.addEventListener('click', () => void claim('takeover'));
el.replyForm.addEventListener('submit', (/** @type {Event} */ ev) => {
  ev.preventDefault();
  void sendReply();
});
el.reply.addEventListener('keydown', (/** @type {KeyboardEvent} */ ev) => {
  if (ev.key !== 'Enter' || !(ev.ctrlKey || ev.metaKey) || ev.isComposing) return;
  ev.preventDefault();
  void sendReply();
});
el.closeForm.addEventListener('submit', (/** @type {Event} */ ev) => {
  ev.preventDefault();
  void closeTicket();
});
window.addEventListener('hashchange', () => {
  const fresh = takeTokenFromAddress();
  if (fresh && fresh !== token) {
    events.stop();
    void signIn(fresh, false);
  }
});
setInterval(() => {
  for (const node of document.querySelectorAll('[data-age]')) node.textContent = ageText(Number(/** @type {HTMLElement} */ (node).dataset.age));
}, 30000);

// ---- start ----------------------------------------------------------------

const fromLink = takeTokenFromAddress();
const saved = fromLink || storedToken();
el.loginView.hidden = Boolean(saved);
const loaded = await requestJson('/agent/labels.json', { cache: 'no-cache' });
if (loaded.ok && loaded.body && typeof loaded.body === 'object') labels = loaded.body;
else notices.notify(TEXT.error.labels, 'warn');
applyStaticLabels(document, labels);
if (saved) void signIn(saved, false);
else showLogin(null);
