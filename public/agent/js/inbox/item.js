// One review inbox item as a view description: the masked text, how often and when, why, what the bot guessed, the lines around it, and the intent picker with ignore.

import { percent } from '../../analytics-ui/format.js';
import { cls, h } from '../../../shared/view.js';
import { ageText, fullTime, timeText } from '../format.js';
import { fill, label } from '../labels.js';
import { INBOX_TEXT as T } from './text.js';

/** Reasons whose item text is the message of the turn the lines surround (a hand-off after confusion files an earlier message). */
const TEXT_IS_THE_TURN = ['out_of_scope', 'unread_answer', 'reask', 'low_rating'];
const ROLES = ['user', 'bot', 'agent', 'system'];

/**
 * @typedef {{ role: string, text: string, at: number, self: boolean }} ContextLine
 * @typedef {{ labels: import('../labels.js').Labels, pick: string, busy: boolean,
 *   onPick: (id: number, intent: string) => void, onLabel: (id: number) => void, onIgnore: (id: number) => void, now?: number }} ItemContext
 */

/**
 * The lines around an item, oldest first (the two before the message and the bot's reply), with the item's own
 * message in its place when it is the turn's message: before the first line written at or after it.
 * @param {any} item
 * @returns {ContextLine[]}
 */
export function contextLines(item) {
  const lines = (Array.isArray(item.context) ? item.context : [])
    .filter((l) => l && typeof l.text === 'string')
    .slice(0, 3)
    .map((l) => ({ role: ROLES.includes(l.role) ? l.role : 'system', text: l.text, at: Number(l.at) || 0, self: false }));
  if (!TEXT_IS_THE_TURN.includes(item.reason)) return lines;
  const at = Number(item.lastAt) || 0;
  const i = lines.findIndex((l) => l.at >= at);
  const self = { role: 'user', text: String(item.text), at, self: true };
  return i < 0 ? [...lines, self] : [...lines.slice(0, i), self, ...lines.slice(i)];
}

/** The intents an agent may choose, in the bot's order, with their Japanese names (the labels' analytics table). */
export const intentChoices = (/** @type {import('../labels.js').Labels} */ labels) =>
  Object.entries((labels.analytics && labels.analytics.intent) || {}).map(([id, name]) => ({ id, name: String(name) }));

const metaItem = (/** @type {string} */ key, /** @type {any} */ value, /** @type {Record<string, any>} */ props = {}) =>
  h('span', { class: 'meta-item', ...props }, h('span', { class: 'meta-key' }, key), value);

/** Who did what to an item that was dealt with: its label (and who gave it), or who ignored it. */
function outcomeView(/** @type {any} */ item, /** @type {import('../labels.js').Labels} */ labels) {
  const intent = label(labels, 'analytics.intent', item.label) || '—';
  const agent = item.labelledBy || '—';
  if (item.status === 'ignored') return h('p', { class: 'inbox-outcome muted' }, fill(T.ignored, { agent }));
  if (item.status === 'applied') return h('p', { class: 'inbox-outcome is-applied' }, fill(T.applied, { intent, agent, version: item.version ?? '—' }));
  if (item.status === 'labelled') return h('p', { class: 'inbox-outcome' }, fill(T.labelled, { intent, agent }));
  return null;
}

/** The picker, the label button and ignore, for items that may still change (new and labelled). */
function actionsView(/** @type {any} */ item, /** @type {ItemContext} */ ctx) {
  const chosen = ctx.pick || (item.status === 'labelled' ? item.label : '') || '';
  const pickId = `inbox-pick-${item.id}`;
  return h(
    'div',
    { class: 'inbox-actions' },
    h('label', { class: 'visually-hidden', for: pickId }, T.pickLabel),
    h(
      'select',
      {
        id: pickId,
        class: 'inbox-pick',
        disabled: ctx.busy,
        on: { change: (/** @type {Event} */ ev) => ctx.onPick(item.id, /** @type {HTMLSelectElement} */ (ev.target).value) },
      },
      h('option', { value: '', selected: !chosen }, T.pick),
      intentChoices(ctx.labels).map((c) => h('option', { value: c.id, selected: c.id === chosen }, c.name)),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary inbox-label',
        disabled: ctx.busy || !chosen || chosen === item.label,
        on: { click: () => ctx.onLabel(item.id) },
      },
      item.status === 'labelled' ? T.relabel : T.label,
    ),
    h('button', { type: 'button', class: 'btn btn-outline inbox-ignore', disabled: ctx.busy, on: { click: () => ctx.onIgnore(item.id) } }, T.ignore),
  );
}

/**
 * @param {any} item
 * @param {ItemContext} ctx
 */
export function itemView(item, ctx) {
  const { labels } = ctx;
  const predicted = item.predicted || {};
  const lines = contextLines(item);
  const open = item.status === 'new' || item.status === 'labelled';
  return h(
    'li',
    { class: cls('inbox-item', ctx.busy && 'is-busy'), 'data-id': String(item.id), 'data-status': item.status, 'aria-busy': ctx.busy ? 'true' : null },
    h(
      'div',
      { class: 'inbox-head' },
      h('p', { class: 'inbox-text', lang: item.lang === 'en' ? 'en' : 'ja' }, String(item.text)),
      h('span', { class: 'inbox-count', title: fill(T.countTitle, { n: item.count }) }, fill(T.count, { n: item.count })),
    ),
    h(
      'p',
      { class: 'inbox-meta' },
      h('span', { class: 'chip inbox-reason' }, label(labels, 'review.reason', item.reason) || '—'),
      metaItem(
        T.meta.predicted,
        fill(T.confidence, { intent: label(labels, 'analytics.intent', predicted.intent) || '—', percent: percent(predicted.confidence) }),
        { class: 'meta-item inbox-predicted' },
      ),
      metaItem(T.meta.lastSeen, h('span', { 'data-age': String(item.lastAt), title: fullTime(item.lastAt) }, ageText(item.lastAt, ctx.now)), {
        class: 'meta-item inbox-last',
      }),
      item.count > 1 && metaItem(T.meta.firstSeen, fullTime(item.firstAt)),
      metaItem(T.meta.lang, label(labels, 'lang', item.lang) || '—'),
    ),
    h(
      'div',
      { class: 'inbox-context' },
      h('span', { class: 'inbox-context-title' }, T.context),
      lines.length
        ? h(
            'ol',
            { class: 'inbox-lines' },
            lines.map((l) =>
              h(
                'li',
                { class: cls('inbox-line', `inbox-line-${l.role}`, l.self && 'is-self') },
                h('span', { class: 'inbox-line-who' }, l.self ? T.self : label(labels, 'role', l.role)),
                h('time', { class: 'inbox-line-time', title: fullTime(l.at) }, timeText(l.at)),
                h('span', { class: 'inbox-line-text' }, l.text),
              ),
            ),
          )
        : h('p', { class: 'muted small' }, T.noContext),
    ),
    outcomeView(item, labels),
    open && actionsView(item, ctx),
  );
}

/** What an item shows, so unchanged items are kept (with their focus) when the list is redrawn. */
export const itemSignature = (/** @type {any} */ item, /** @type {ItemContext} */ ctx) => JSON.stringify([item, ctx.pick, ctx.busy]);
