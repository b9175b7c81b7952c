// The inbox's training panel as a model of what shows (pure) and its application to the page: the last apply's figures for everyone; apply with its progress and rollback for admins.

import { h, show } from '../../../shared/view.js';
import { fill } from '../labels.js';
import { runRows, versionText } from './figures.js';
import { runningNow } from './state.js';
import { INBOX_TEXT } from './text.js';

const T = INBOX_TEXT.training;

/**
 * @typedef {{ admin: boolean, apply: { disabled: boolean, text: string, busy: boolean }, hint: string,
 *   progress: { hidden: boolean, text: string, since: number | null }, figures: import('./figures.js').FigureRow[], versionNow: string,
 *   versions: { value: string, text: string, selected: boolean, disabled: boolean }[], rollback: { disabled: boolean, text: string } }} TrainingModel
 */

/**
 * @param {import('./state.js').InboxState} s
 * @param {import('../labels.js').Labels} labels
 * @returns {TrainingModel}
 */
export function trainingModel(s, labels) {
  const running = runningNow(s);
  const labelled = s.lists.labelled ? s.lists.labelled.length : null;
  const training = s.training || {};
  const versions = Array.isArray(training.versions) ? training.versions : [];
  const progress = !running
    ? ''
    : !running.mine
      ? T.progress.elsewhere[running.kind]
      : running.kind === 'apply'
        ? T.progress.apply
        : fill(T.progress.rollback, { version: running.version ?? '' });
  return {
    admin: s.admin,
    apply: {
      disabled: !s.admin || Boolean(running) || labelled === 0,
      text: running && running.kind === 'apply' ? T.applying : T.apply,
      busy: Boolean(running),
    },
    hint: labelled === null ? T.applyHintUnknown : labelled === 0 ? T.nothing : fill(T.applyHint, { n: labelled }),
    progress: { hidden: !running, text: progress, since: running ? running.since : null },
    figures: runRows(training.last_apply, labels),
    versionNow: typeof training.version === 'number' ? fill(T.versionNow, { version: training.version }) : '',
    versions: [
      { value: '', text: T.rollbackPick, selected: s.rollbackTo === null, disabled: false },
      ...versions.map((v) => ({ value: String(v.version), text: versionText(v), selected: v.version === s.rollbackTo, disabled: Boolean(v.active) })),
    ],
    rollback: {
      disabled: !s.admin || Boolean(running) || s.rollbackTo === null,
      text: running && running.kind === 'rollback' && running.mine ? T.rollingBack : T.rollback,
    },
  };
}

/** Seconds since `since`, as the progress line says them. */
export const elapsedText = (/** @type {number} */ since, now = Date.now()) => fill(T.elapsed, { n: Math.max(0, Math.floor((now - since) / 1000)) });

/** A list of figures as definition rows; a word when there is none. */
export function figuresView(/** @type {import('./figures.js').FigureRow[]} */ rows) {
  if (!rows.length) return h('p', { class: 'muted' }, INBOX_TEXT.figures.none);
  return h(
    'dl',
    { class: 'figures' },
    rows.map((r) =>
      h('div', { class: `figure figure-${r.key} tone-${r.tone || 'neutral'}`, 'data-key': r.key }, h('dt', null, r.label), h('dd', null, r.value)),
    ),
  );
}

/** Redraws a part only when what it shows changed (keeps focus and an open picker). */
function changed(/** @type {HTMLElement} */ node, /** @type {unknown} */ value) {
  const sig = JSON.stringify(value);
  if (node.dataset.sig === sig) return false;
  node.dataset.sig = sig;
  return true;
}

/**
 * Puts the model on the panel's elements.
 * @param {Record<string, any>} el
 * @param {TrainingModel} m
 */
export function applyTraining(el, m) {
  el.admin.hidden = !m.admin;
  el.adminNote.hidden = m.admin;
  el.apply.disabled = m.apply.disabled;
  el.apply.textContent = m.apply.text;
  el.apply.setAttribute('aria-busy', String(m.apply.busy));
  el.applyHint.textContent = m.hint;
  el.progress.hidden = m.progress.hidden;
  if (el.progressText.textContent !== m.progress.text) el.progressText.textContent = m.progress.text;
  el.progressElapsed.dataset.since = m.progress.since === null ? '' : String(m.progress.since);
  el.progressElapsed.textContent = m.progress.since === null ? '' : elapsedText(m.progress.since);
  if (changed(el.figures, m.figures)) show(el.figures, figuresView(m.figures));
  el.versionNow.textContent = m.versionNow;
  if (changed(el.versions, m.versions))
    show(
      el.versions,
      m.versions.map((v) => h('option', { value: v.value, selected: v.selected, disabled: v.disabled }, v.text)),
    );
  el.rollback.disabled = m.rollback.disabled;
  el.rollback.textContent = m.rollback.text;
}
