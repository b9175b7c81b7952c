// The queue's rows as view descriptions: one button per ticket with its id, age, channel, language, holder and first message.

import { cls, h } from '../../../shared/view.js';
import { ageText, fullTime, truncate } from '../format.js';
import { label } from '../labels.js';
import { holderOf } from '../rights.js';
import { isUrgent } from '../state.js';
import { TEXT } from '../text.js';

const FIRST_MESSAGE_MAX = 60;

/**
 * @typedef {{ me: import('../rights.js').Me | null, labels: import('../labels.js').Labels, fresh: boolean, unread: boolean,
 *   selected: boolean, onOpen: (id: string) => void, now?: number }} RowContext
 */

/**
 * @param {any} t a ticket
 * @param {RowContext} ctx
 */
export function queueRowView(t, ctx) {
  const { labels, fresh, unread, selected } = ctx;
  const urgent = isUrgent(t);
  const mine = Boolean(ctx.me && t.agent === ctx.me.id);
  const first = t.summary && t.summary.firstMessage ? String(t.summary.firstMessage) : '';
  return h(
    'li',
    { class: 'queue-row' },
    h(
      'button',
      {
        type: 'button',
        class: cls('ticket-item', urgent && 'is-urgent', fresh && 'is-new', unread && 'has-unread', selected && 'is-selected'),
        'data-id': t.id,
        'data-status': t.status,
        'aria-current': selected ? 'true' : null,
        on: { click: () => ctx.onOpen(t.id) },
      },
      h(
        'span',
        { class: 'ti-top' },
        urgent && h('span', { class: 'badge badge-urgent' }, label(labels, 'priority', 'urgent')),
        fresh && h('span', { class: 'badge badge-new' }, TEXT.new),
        h('span', { class: 'ti-id' }, t.id),
        h('span', { class: 'ti-age', 'data-age': String(t.createdAt), title: fullTime(t.createdAt) }, ageText(t.createdAt, ctx.now)),
      ),
      h(
        'span',
        { class: 'ti-meta' },
        h('span', { class: 'chip' }, label(labels, 'channel', t.channel) || '—'),
        h('span', { class: 'chip' }, label(labels, 'lang', t.lang) || '—'),
        t.status === 'cancelled' && h('span', { class: 'chip chip-muted' }, label(labels, 'status', 'cancelled')),
        t.status !== 'waiting' && holderOf(t) && h('span', { class: cls('ti-agent', mine && 'is-me') }, mine ? TEXT.me : holderOf(t)),
        unread && h('span', { class: 'ti-unread' }, TEXT.newMessages),
      ),
      h('span', { class: cls('ti-msg', !first && 'muted') }, first ? truncate(first, FIRST_MESSAGE_MAX) : TEXT.noMessage),
    ),
  );
}

/** What a row shows, so unchanged rows are kept (and keep focus) when the queue is redrawn. */
export function queueRowSignature(/** @type {any} */ t, /** @type {RowContext} */ ctx) {
  return JSON.stringify([t, ctx.me && ctx.me.id, ctx.fresh, ctx.unread, ctx.selected]);
}
