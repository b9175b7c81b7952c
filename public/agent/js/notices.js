// Toasts in the corner (errors, warnings, confirmations) and the screen-reader announcer.

import { h, toNode } from '../../shared/view.js';
import { TEXT } from './text.js';

const MAX_SHOWN = 4;

/**
 * @param {HTMLElement} box the notices container
 * @param {HTMLElement} live a polite status region
 */
export function createNotices(box, live) {
  /**
   * Shows a notice; errors stay 12 s, the others 6 s.
   * @param {string} message
   * @param {'error' | 'warn' | 'info'} [kind]
   * @param {string | null} [detail] shown in brackets after the message
   */
  function notify(message, kind = 'error', detail = null) {
    const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': TEXT.closeNotice }, '×');
    const node = /** @type {HTMLElement} */ (
      toNode(
        h(
          'div',
          { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
          h('span', { class: 'notice-text' }, message),
          detail && h('span', { class: 'notice-detail' }, `（${detail}）`),
          close,
        ),
      )
    );
    node.querySelector('.notice-close')?.addEventListener('click', () => node.remove());
    box.append(node);
    while (box.children.length > MAX_SHOWN) box.firstElementChild?.remove();
    setTimeout(() => node.remove(), kind === 'error' ? 12000 : 6000);
  }

  /** Says something to screen readers only. */
  function announce(/** @type {string} */ text) {
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 50);
  }

  return { notify, announce };
}

/** @typedef {ReturnType<typeof createNotices>} Notices */
