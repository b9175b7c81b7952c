// The ticket's timeline (opened, claimed, taken over, replied, closed, cancelled) as a small list; replies in a row by one agent are one entry.

import { h } from '../../../shared/view.js';
import { fullTime, timeText } from '../format.js';
import { fill, label } from '../labels.js';
import { TEXT } from '../text.js';

/**
 * @typedef {{ type: string, agent?: string | null, agentName?: string | null, from?: string | null, at: number }} TicketEvent
 * @typedef {TicketEvent & { count: number }} TimelineEntry
 */

/**
 * Events oldest first, with consecutive replies by the same agent folded into one entry (its `count`, the first one's time).
 * @param {unknown} events
 * @returns {TimelineEntry[]}
 */
export function timelineEntries(events) {
  /** @type {TimelineEntry[]} */
  const entries = [];
  const list = Array.isArray(events) ? events.filter((e) => e && typeof e.type === 'string') : [];
  for (const event of [...list].sort((a, b) => (Number(a.at) || 0) - (Number(b.at) || 0))) {
    const last = entries[entries.length - 1];
    if (event.type === 'replied' && last && last.type === 'replied' && last.agent === event.agent) last.count += 1;
    else entries.push({ ...event, count: 1 });
  }
  return entries;
}

/**
 * One entry: time, what happened, by whom (and from whom, for a take-over).
 * @param {TimelineEntry} entry
 * @param {import('../labels.js').Labels} labels
 */
export function timelineEntryView(entry, labels) {
  const who = entry.agentName || entry.agent;
  return h(
    'li',
    { class: `tl-item tl-${entry.type}` },
    h('time', { class: 'tl-time', datetime: new Date(Number(entry.at) || 0).toISOString(), title: fullTime(entry.at) }, timeText(entry.at)),
    h('span', { class: 'tl-what' }, label(labels, 'event', entry.type)),
    who && h('span', { class: 'tl-who' }, who),
    entry.type === 'taken_over' && entry.from && h('span', { class: 'tl-from' }, fill(TEXT.from, { agent: entry.from })),
    entry.count > 1 && h('span', { class: 'tl-count' }, fill(TEXT.times, { n: entry.count })),
  );
}
