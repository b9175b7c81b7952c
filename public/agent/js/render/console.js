// Draws the console from its state: the queue and its tab counts, the page title, and the open ticket (head, summary, timeline, transcript, actions).

import { h, show, syncChildren } from '../../../shared/view.js';
import { phrase } from '../labels.js';
import { countsOf, queueOf } from '../state.js';
import { TEXT } from '../text.js';
import { actionsModel, applyActions } from './actions.js';
import { queueRowSignature, queueRowView } from './queue.js';
import { badgesView, metaView, summaryView } from './ticket.js';
import { timelineEntries, timelineEntryView } from './timeline.js';
import { lineView, patchLine } from './transcript.js';

/**
 * @typedef {import('../state.js').ConsoleState} ConsoleState
 * @typedef {{ labels: import('../labels.js').Labels, onOpen: (id: string) => void }} RenderContext
 */

/**
 * @param {Record<string, any>} el the console's elements (see main.js)
 * @param {ConsoleState} state
 * @param {ConsoleState | null} prev null on the first draw (or after the labels changed)
 * @param {RenderContext} ctx
 */
export function renderConsole(el, state, prev, ctx) {
  renderQueue(el, state, ctx);
  renderDetail(el, state, prev, ctx);
}

function renderQueue(el, /** @type {ConsoleState} */ state, /** @type {RenderContext} */ ctx) {
  const rowContext = (/** @type {any} */ t) => ({
    me: state.me,
    labels: ctx.labels,
    fresh: state.fresh.includes(t.id),
    unread: state.unread.includes(t.id),
    selected: Boolean(state.detail && state.detail.id === t.id),
    onOpen: ctx.onOpen,
  });
  const list = queueOf(state);
  syncChildren(el.queue, list, {
    key: (t) => t.id,
    sig: (t) => queueRowSignature(t, rowContext(t)),
    build: (t) => queueRowView(t, rowContext(t)),
  });
  el.queueEmpty.hidden = list.length > 0;

  const counts = countsOf(state);
  for (const node of el.counts) node.textContent = String(counts[node.dataset.count] || 0);
  el.tabWaiting.classList.toggle('has-new', state.fresh.length > 0);
  document.title = counts.waiting > 0 ? `(${counts.waiting}) ${TEXT.title}` : TEXT.title;
  for (const tab of el.tabs) {
    const on = tab.dataset.filter === state.filter;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    tab.classList.toggle('is-active', on);
    if (on) el.queuePanel.setAttribute('aria-labelledby', tab.id);
  }
}

function renderDetail(el, /** @type {ConsoleState} */ state, /** @type {ConsoleState | null} */ prev, /** @type {RenderContext} */ ctx) {
  const detail = state.detail;
  el.detailBody.hidden = !detail;
  el.detailEmpty.hidden = Boolean(detail);
  if (!detail) return;
  const ticket = state.tickets[detail.id];
  const prevTicket = prev && prev.detail && prev.detail.id === detail.id ? prev.tickets[detail.id] : undefined;
  if (ticket && (ticket !== prevTicket || !prev || prev.me !== state.me)) {
    el.ticketTitle.textContent = ticket.id;
    show(el.ticketBadges, badgesView(ticket, ctx.labels));
    show(el.ticketMeta, metaView(ticket, ctx.labels, state.me));
    show(el.summary, summaryView(ticket, ctx.labels));
    const events = Array.isArray(ticket.events) ? timelineEntries(ticket.events) : null;
    el.timelineWrap.hidden = !events; // today's server sends no events
    if (events) show(el.timeline, events.length ? events.map((e) => timelineEntryView(e, ctx.labels)) : h('li', { class: 'muted' }, TEXT.noEvents));
  }
  renderTranscript(el.transcript, detail, prev && prev.detail, ctx);
  applyActions(el, actionsModel(ticket, state.me, state.busy, ctx.labels));
}

function renderTranscript(
  /** @type {HTMLElement} */ box,
  /** @type {import('../state.js').Detail} */ detail,
  /** @type {any} */ prevDetail,
  /** @type {RenderContext} */ ctx,
) {
  const same = prevDetail && prevDetail.id === detail.id;
  if (detail.loading || detail.failed) {
    if (!same || prevDetail.loading !== detail.loading || prevDetail.failed !== detail.failed)
      show(box, h('p', { class: 'transcript-loading muted' }, detail.failed ? TEXT.loadFailed : TEXT.loading));
    return;
  }
  if (same && prevDetail.lines === detail.lines && !prevDetail.loading) return;
  const stick = !same || prevDetail.loading || box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  if (!detail.lines.length) return show(box, h('p', { class: 'transcript-empty muted' }, TEXT.emptyTranscript));
  syncChildren(box, detail.lines, { key: (l) => l.key, build: (l) => lineView(l, ctx.labels), patch: patchLine });
  const last = detail.lines[detail.lines.length - 1];
  if (stick || last.pending) box.scrollTop = box.scrollHeight;
}

/**
 * Fills every element marked data-label="group.key" with that label (tabs, action buttons).
 * @param {ParentNode} root
 * @param {import('../labels.js').Labels} labels
 */
export function applyStaticLabels(root, labels) {
  for (const node of root.querySelectorAll('[data-label]')) node.textContent = phrase(labels, /** @type {HTMLElement} */ (node).dataset.label || '');
}
