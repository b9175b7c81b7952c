// What a training run measured, in words: accuracy before and after on the frozen set with its change, cross-validation, items, version; and the versions to roll back to.

import { change } from '../../analytics-ui/headline.js';
import { NONE, percent } from '../../analytics-ui/format.js';
import { fullTime } from '../format.js';
import { fill, label } from '../labels.js';
import { INBOX_TEXT } from './text.js';

const T = INBOX_TEXT.figures;
const f1 = (/** @type {unknown} */ x) => (typeof x === 'number' ? x.toFixed(3) : NONE);

/**
 * @typedef {{ key: string, label: string, value: string, tone?: 'good' | 'bad' | 'neutral' }} FigureRow
 */

/**
 * The rows that describe a training run (GET /training's `last_apply`, or an apply's answer): how it ended,
 * the frozen set's accuracy before → after (its change in points), cross-validation, items taught, when and by whom.
 * @param {any} run { at, agent, kind, result, version, figures }
 * @param {import('../labels.js').Labels} labels
 * @returns {FigureRow[]}
 */
export function runRows(run, labels) {
  if (!run || typeof run !== 'object') return [];
  const f = run.figures;
  const result = label(labels, 'review.result', run.result) || NONE;
  /** @type {FigureRow[]} */
  const rows = [
    {
      key: 'result',
      label: T.result,
      value: typeof run.version === 'number' ? `${result}・${fill(T.version, { version: run.version })}` : result,
      tone: run.result === 'applied' ? 'good' : run.result === 'refused' || run.result === 'failed' ? 'bad' : 'neutral',
    },
  ];
  if (f && typeof f.accuracy_before === 'number' && typeof f.accuracy_after === 'number') {
    const c = change(f.accuracy_after, f.accuracy_before, 'rate');
    rows.push({
      key: 'frozen',
      label: T.frozen,
      value: fill(T.frozenValue, { before: percent(f.accuracy_before), after: percent(f.accuracy_after), change: c ? c.text : NONE, n: f.frozen }),
      tone: !c || c.delta === 0 ? 'neutral' : c.delta > 0 ? 'good' : 'bad',
    });
    const [b, a] = [f.cv_before, f.cv_after];
    rows.push({
      key: 'cv',
      label: T.cv,
      value:
        b && a
          ? fill(T.cvValue, { before: percent(b.accuracy), after: percent(a.accuracy), folds: a.folds, f1Before: f1(b.macro_f1), f1After: f1(a.macro_f1) })
          : T.cvNone,
    });
    rows.push({ key: 'items', label: T.items, value: fill(T.itemsValue, { n: f.items }) });
  }
  rows.push({ key: 'when', label: T.when, value: fill(T.whenValue, { at: fullTime(run.at), agent: run.agent || NONE }) });
  return rows;
}

/**
 * A model version as the rollback picker names it.
 * @param {any} v { version, at, agent, active, examples }
 */
export function versionText(v) {
  const T2 = INBOX_TEXT.training;
  const text = v.version === 0 ? T2.versionZero : fill(T2.version, { version: v.version, at: fullTime(v.at), agent: v.agent, n: v.examples });
  return v.active ? text + T2.active : text;
}
