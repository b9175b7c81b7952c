// The review inbox on the page: its elements, the #inbox route beside the queue, the nav badge, drawing from its state, and the timers (badge refresh, elapsed seconds of a run).

import { createStore } from '../../../shared/store.js';
import { focusIn, syncChildren } from '../../../shared/view.js';
import { fill } from '../labels.js';
import { onTabKeys } from '../tabs.js';
import { createInboxCommands } from './commands.js';
import { itemSignature, itemView } from './item.js';
import { countText, inboxInitial, inboxShown, itemsOf, LIST_LIMIT, rollbackChosen, runningNow, tabChosen } from './state.js';
import { INBOX_TEXT } from './text.js';
import { applyTraining, elapsedText, trainingModel } from './training.js';

/** The badge and the lists are read again this often; a run elsewhere is watched every few seconds. */
const REFRESH_S = 60;
const WATCH_S = 3;
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {{
 *   api: import('../api.js').Api,
 *   notices: import('../notices.js').Notices,
 *   labels: () => import('../labels.js').Labels,
 *   me: () => import('../rights.js').Me | null,
 *   onExpired: () => void,
 * }} o
 */
export function createInbox(o) {
  const el = {
    app: $('agent-app'),
    inbox: $('agent-inbox'),
    navQueue: $('agent-nav-queue'),
    navInbox: $('agent-nav-inbox'),
    badge: $('agent-inbox-count'),
    tabs: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.inbox-tab[data-inbox-tab]')]),
    counts: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[data-inbox-count]')]),
    panel: $('agent-inbox-panel'),
    list: $('agent-inbox-list'),
    empty: $('agent-inbox-empty'),
    more: $('agent-inbox-more'),
    figures: $('agent-inbox-figures'),
    admin: $('agent-inbox-admin'),
    adminNote: $('agent-inbox-admin-note'),
    apply: $('agent-inbox-apply'),
    applyHint: $('agent-inbox-apply-hint'),
    progress: $('agent-inbox-progress'),
    progressText: $('agent-inbox-progress-text'),
    progressElapsed: $('agent-inbox-elapsed'),
    versionNow: $('agent-inbox-version-now'),
    versions: $('agent-inbox-versions'),
    rollback: $('agent-inbox-rollback'),
  };
  const store = createStore(inboxInitial());
  const commands = createInboxCommands({ store, ...o });
  let started = false;
  let ticker = 0;
  let ticks = 0;

  function draw(/** @type {import('./state.js').InboxState} */ s) {
    if (!started) return void (el.inbox.hidden = true);
    const n = countText(s, 'new');
    el.badge.textContent = n;
    el.badge.hidden = !n || n === '0';
    el.navInbox.setAttribute('aria-label', fill(INBOX_TEXT.navCount, { label: INBOX_TEXT.nav, n: n || '0' }));
    for (const [link, on] of [
      [el.navQueue, !s.shown],
      [el.navInbox, s.shown],
    ])
      if (on) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    el.app.hidden = s.shown;
    el.inbox.hidden = !s.shown;
    if (!s.shown) return;
    for (const node of el.counts) node.textContent = countText(s, /** @type {any} */ (node.dataset.inboxCount));
    for (const tab of el.tabs) {
      const on = tab.dataset.inboxTab === s.tab;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) el.panel.setAttribute('aria-labelledby', tab.id);
    }
    const items = itemsOf(s);
    const ctx = (/** @type {any} */ item) => ({
      labels: o.labels(),
      pick: s.picks[item.id] || '',
      busy: s.busy.includes(item.id),
      onPick: commands.pick,
      onLabel: (/** @type {number} */ id) => void settle(id, commands.label(id)),
      onIgnore: (/** @type {number} */ id) => void settle(id, commands.ignore(id)),
    });
    syncChildren(el.list, items || [], { key: (it) => String(it.id), sig: (it) => itemSignature(it, ctx(it)), build: (it) => itemView(it, ctx(it)) });
    el.empty.hidden = Boolean(items && items.length > 0);
    el.empty.textContent = items ? INBOX_TEXT.empty[s.tab] : INBOX_TEXT.loading;
    el.more.hidden = !items || items.length < LIST_LIMIT;
    el.more.textContent = fill(INBOX_TEXT.more, { n: LIST_LIMIT });
    el.list.setAttribute('aria-busy', String(!items));
    applyTraining(el, trainingModel(s, o.labels()));
  }
  store.subscribe((s) => draw(s));

  /** After an item was dealt with it leaves the tab: focus goes to the item now in its place. */
  async function settle(/** @type {number} */ id, /** @type {Promise<boolean>} */ done) {
    const index = (itemsOf(store.get()) || []).findIndex((it) => it.id === id);
    if (!(await done)) return;
    const next = el.list.children[Math.min(index, el.list.children.length - 1)];
    if (next instanceof HTMLElement && !el.list.contains(document.activeElement)) focusIn(next);
  }

  /** Shows the inbox when the address says #inbox, the queue otherwise; the inbox is read again when it opens. */
  function route() {
    if (!started) return;
    const shown = location.hash === '#inbox';
    const was = store.get().shown;
    store.update(inboxShown, shown);
    draw(store.get());
    if (shown && !was) void commands.refresh(true);
  }

  function tick() {
    ticks += 1;
    const since = Number(el.progressElapsed.dataset.since);
    if (since) el.progressElapsed.textContent = elapsedText(since);
    const s = store.get();
    const elsewhere = runningNow(s) && !s.run;
    if (ticks % REFRESH_S === 0 || (s.shown && elsewhere && ticks % WATCH_S === 0)) void commands.refresh(s.shown, true);
  }

  const chooseTab = (/** @type {HTMLElement} */ tab) => store.update(tabChosen, tab.dataset.inboxTab);
  for (const tab of el.tabs) {
    tab.addEventListener('click', () => chooseTab(tab));
    tab.addEventListener('keydown', onTabKeys(el.tabs, chooseTab));
  }
  el.apply.addEventListener('click', async () => {
    await commands.apply();
    if (document.activeElement === document.body && !el.apply.disabled) el.apply.focus();
  });
  el.versions.addEventListener('change', () => store.update(rollbackChosen, el.versions.value === '' ? null : Number(el.versions.value)));
  el.rollback.addEventListener('click', () => void commands.rollback());
  window.addEventListener('hashchange', route);

  return {
    /** The agent signed in: the badge is read, and the inbox shows if the address asks for it. */
    start() {
      started = true;
      store.update(() => inboxInitial(Boolean(o.me()?.admin)));
      route();
      if (!store.get().shown) void commands.refresh(false);
      clearInterval(ticker);
      ticks = 0;
      ticker = window.setInterval(tick, 1000);
    },
    /** Signed out: nothing shows, nothing is read. */
    stop() {
      started = false;
      clearInterval(ticker);
      store.update(() => inboxInitial());
    },
  };
}
