// The open ticket's head (badges, channel, language, opening time, holder) and the bot's summary, as view descriptions.

import { cls, h } from '../../../shared/view.js';
import { ageText, fullTime } from '../format.js';
import { label } from '../labels.js';
import { holderOf } from '../rights.js';
import { isUrgent } from '../state.js';
import { TEXT } from '../text.js';

/** @typedef {import('../labels.js').Labels} Labels */

/** The badges beside the ticket id: urgency and status. */
export function badgesView(/** @type {any} */ t, /** @type {Labels} */ labels) {
  return [
    isUrgent(t) && h('span', { class: 'badge badge-urgent' }, label(labels, 'priority', 'urgent')),
    h('span', { class: `badge badge-status badge-${t.status}` }, label(labels, 'status', t.status) || '—'),
  ].filter(Boolean);
}

const metaItem = (/** @type {string} */ key, /** @type {any} */ value) => h('span', { class: 'meta-item' }, h('span', { class: 'meta-key' }, key), value);

/** The line under the title: channel, language, when it opened, who holds it, the conversation id. */
export function metaView(/** @type {any} */ t, /** @type {Labels} */ labels, /** @type {import('../rights.js').Me | null} */ me, now = Date.now()) {
  const holder = holderOf(t);
  const mine = Boolean(me && t.agent === me.id);
  return [
    metaItem(TEXT.meta.channel, label(labels, 'channel', t.channel) || '—'),
    metaItem(TEXT.meta.lang, label(labels, 'lang', t.lang) || '—'),
    metaItem(TEXT.meta.opened, `${fullTime(t.createdAt)}（${ageText(t.createdAt, now)}）`),
    metaItem(TEXT.meta.agent, holder ? (mine ? `${holder}（${TEXT.me}）` : holder) : TEXT.unassigned),
    t.conversationId && metaItem(TEXT.meta.conversation, h('code', { class: 'meta-code' }, t.conversationId)),
  ].filter(Boolean);
}

const row = (/** @type {string} */ key, /** @type {any} */ value, wide = false) =>
  h(
    'div',
    { class: cls('sum-item', wide && 'sum-wide') },
    h('dt', null, key),
    value === null || value === undefined || value === '' ? h('dd', { class: 'muted' }, TEXT.unconfirmed) : h('dd', null, value),
  );

/** The slots worth a row: every slot the labels name (the carrier as named by the user goes with the carrier), then any the console does not know. */
function slotRows(/** @type {Record<string, any>} */ slots, /** @type {Labels} */ labels) {
  const known = Object.keys(labels.slot || {}).filter((k) => k !== 'carrierRaw');
  const names = [...(known.length ? known : Object.keys(slots)), ...Object.keys(slots).filter((k) => k !== 'carrierRaw' && !known.includes(k))];
  return names.map((name) => {
    const value = slots[name];
    let shown =
      value === null || value === undefined || value === '' ? null : typeof value === 'object' ? JSON.stringify(value) : label(labels, `value.${name}`, value);
    if (name === 'carrier' && slots.carrierRaw) shown = shown ? `${shown}（${slots.carrierRaw}）` : String(slots.carrierRaw);
    if (name === 'error_code' && shown) shown = h('code', { class: 'error-code' }, shown);
    return row(label(labels, 'slot', name) || name, shown);
  });
}

/** The remedies the bot gave, each with what the user said of it. */
function remediesView(/** @type {any[]} */ remedies, /** @type {Labels} */ labels) {
  const tried = remedies.filter(Boolean);
  if (!tried.length) return h('span', { class: 'muted' }, TEXT.none);
  return h(
    'ul',
    { class: 'remedies' },
    tried.map((r) => {
      const result = r.worked === true ? 'yes' : r.worked === false ? 'no' : 'unknown';
      return h(
        'li',
        { class: 'remedy' },
        h('span', { class: 'remedy-name' }, label(labels, 'remedy', r.remedy) || '—'),
        h('span', { class: `remedy-result result-${{ yes: 'ok', no: 'ng', unknown: 'unknown' }[result]}` }, label(labels, 'worked', result)),
      );
    }),
  );
}

/** What the bot learned before the hand-off: why, the slots, the remedies tried, and the closing note. */
export function summaryView(/** @type {any} */ t, /** @type {Labels} */ labels) {
  const sum = t.summary || {};
  const reason = label(labels, 'reason', sum.reason);
  return [
    h(
      'div',
      { class: 'summary-head' },
      h('h3', { class: 'section-title' }, TEXT.summary.title),
      reason &&
        h(
          'span',
          { class: cls('reason', /^urgent_/.test(String(sum.reason)) && 'reason-urgent') },
          h('span', { class: 'reason-key' }, TEXT.summary.reason),
          reason,
        ),
    ),
    h(
      'dl',
      { class: 'summary-grid' },
      slotRows(sum.slots || {}, labels),
      row(TEXT.summary.remedies, remediesView(Array.isArray(sum.remedies) ? sum.remedies : [], labels), true),
      t.note && row(TEXT.summary.note, h('span', { class: 'ticket-note' }, t.note), true),
    ),
  ];
}
