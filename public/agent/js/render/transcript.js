// One transcript line as a view description: who, when, and the text (as text).

import { cls, h } from '../../../shared/view.js';
import { timeText } from '../format.js';
import { label } from '../labels.js';

const ROLES = ['user', 'bot', 'agent', 'system'];

/**
 * @param {import('../state.js').Line} line
 * @param {import('../labels.js').Labels} labels
 */
export function lineView(line, labels) {
  const role = ROLES.includes(line.role) ? line.role : 'system';
  return h(
    'div',
    { class: cls('line', `line-${role}`, line.pending && 'is-pending') },
    h(
      'div',
      { class: 'bubble' },
      h(
        'div',
        { class: 'line-meta' },
        h('span', { class: 'line-who' }, label(labels, 'role', role)),
        h('time', { class: 'line-time', datetime: line.at ? new Date(line.at).toISOString() : null }, timeText(line.at)),
      ),
      h('div', { class: 'line-text' }, line.text),
    ),
  );
}

/** A shown line brought up to date in place (a pending reply confirmed by the stream), so it is not announced again. */
export function patchLine(/** @type {HTMLElement} */ node, /** @type {import('../state.js').Line} */ line) {
  node.classList.toggle('is-pending', line.pending);
  const time = node.querySelector('.line-time');
  if (time && line.at) {
    time.textContent = timeText(line.at);
    time.setAttribute('datetime', new Date(line.at).toISOString());
  }
}
