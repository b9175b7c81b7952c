import { describe, expect, it } from 'vitest';
import { runRows, versionText } from '../../../../../public/agent/js/inbox/figures.js';
import { inboxInitial, listReceived, rollbackChosen, runStarted, trainingReceived } from '../../../../../public/agent/js/inbox/state.js';
import { elapsedText, trainingModel } from '../../../../../public/agent/js/inbox/training.js';
import { figures, reviewItem } from '../../../../helpers/agent.js';
import { agentLabels } from '../../../../helpers/labels.js';

const at = new Date(2026, 11, 2, 14, 5, 9).getTime();
const run = (extra: Record<string, unknown> = {}) => ({ at, agent: 'alice', kind: 'apply', result: 'applied', version: 3, figures: figures(), ...extra });
const rows = (r: unknown) => Object.fromEntries(runRows(r, agentLabels).map((x) => [x.key, `${x.label}: ${x.value}${x.tone ? ` [${x.tone}]` : ''}`]));

describe('the figures of an apply', () => {
  it('say the version, the frozen set’s accuracy before and after with its change, cross-validation, items, when and who', () => {
    expect(rows(run())).toEqual({
      result: '結果: 反映済み・v3 [good]',
      frozen: '固定評価セットの正解率: 91.1% → 91.8%（+0.7pt、146件） [good]',
      cv: '交差検証の正解率: 97.5% → 97.4%（3分割、macro-F1 0.976 → 0.976）',
      items: '学習した発言: 3件',
      when: '実行: 2026-12-02 14:05:09（alice）',
    });
  });

  it('show a refusal with the worse accuracy in red, and say when no cross-validation ran', () => {
    const r = rows(run({ result: 'refused', version: null, figures: figures({ accuracy_after: 0.8836, cv_before: null, cv_after: null }) }));
    expect(r.result).toBe('結果: 見送り（精度が低下） [bad]');
    expect(r.frozen).toBe('固定評価セットの正解率: 91.1% → 88.4%（−2.7pt、146件） [bad]');
    expect(r.cv).toBe('交差検証の正解率: なし（TRAINING_CV_FOLDS=0）');
  });

  it('show a failed run without figures, and nothing before the first apply', () => {
    expect(Object.keys(rows(run({ result: 'failed', version: null, figures: null })))).toEqual(['result', 'when']);
    expect(runRows(null, agentLabels)).toEqual([]);
  });

  it('name versions for the rollback picker', () => {
    expect(versionText({ version: 0, at: 0, agent: 'intents/', active: false, examples: 0 })).toBe('v0（出荷時の学習データのみ）');
    expect(versionText({ version: 2, at, agent: 'alice', active: true, examples: 12 })).toBe('v2（2026-12-02 14:05:09・alice・学習した例文 12件）・使用中');
  });
});

describe('the training panel', () => {
  const status = {
    version: 1,
    loaded: 1,
    running: null,
    last_apply: run({ version: 1 }),
    versions: [
      { version: 1, at, agent: 'alice', active: true, examples: 3 },
      { version: 0, at: 0, agent: 'intents/', active: false, examples: 0 },
    ],
  };
  const admin = () => listReceived(trainingReceived(inboxInitial(true), status), 'labelled', [reviewItem({ status: 'labelled', label: 'login_failed' })]);

  it('lets an admin apply the labelled items, and says how many', () => {
    const m = trainingModel(admin(), agentLabels);
    expect(m).toMatchObject({ admin: true, apply: { disabled: false, text: '学習に反映', busy: false }, progress: { hidden: true } });
    expect(m.hint).toBe('ラベル付け済みの 1件を学習し、精度が下がらなければ反映します。');
    expect(m.versionNow).toBe('使用中: v1');
    expect(m.figures.map((f) => f.key)).toEqual(['result', 'frozen', 'cv', 'items', 'when']);
  });

  it('shows an apply in progress: the button busy and disabled, the progress line with the seconds elapsed', () => {
    const m = trainingModel(runStarted(admin(), 'apply', 1000), agentLabels);
    expect(m.apply).toEqual({ disabled: true, text: '学習中…', busy: true });
    expect(m.progress).toEqual({ hidden: false, text: '再学習して、固定評価セットで今のモデルと精度を比べています（数秒かかります）…', since: 1000 });
    expect(m.rollback.disabled).toBe(true);
    expect(elapsedText(1000, 5400)).toBe('4秒経過');
    const elsewhere = trainingModel(trainingReceived(admin(), { ...status, running: 'apply' }), agentLabels);
    expect([elsewhere.apply.disabled, elsewhere.progress.text]).toEqual([true, '別の管理者が学習を反映しています…']);
  });

  it('offers nothing to apply without labelled items, and a rollback only to another version once chosen', () => {
    const empty = trainingModel(listReceived(admin(), 'labelled', []), agentLabels);
    expect([empty.apply.disabled, empty.hint]).toEqual([true, 'ラベル付け済みの発言がありません。']);
    const m = trainingModel(admin(), agentLabels);
    expect(m.versions.map((v) => [v.value, v.disabled, v.selected])).toEqual([
      ['', false, true],
      ['1', true, false],
      ['0', false, false],
    ]);
    expect(m.rollback.disabled).toBe(true);
    const chosen = trainingModel(rollbackChosen(admin(), 0), agentLabels);
    expect([chosen.rollback.disabled, chosen.versions.find((v) => v.selected)?.value]).toEqual([false, '0']);
    expect(trainingModel(runStarted(rollbackChosen(admin(), 0), 'rollback', 1, 0), agentLabels).progress.text).toBe(
      'v0 のモデルを作り直しています（数秒かかります）…',
    );
  });

  it('gives agents who are not admins the figures, not apply nor rollback', () => {
    const m = trainingModel(listReceived(trainingReceived(inboxInitial(false), status), 'labelled', [reviewItem({ status: 'labelled' })]), agentLabels);
    expect([m.admin, m.apply.disabled, m.figures.length]).toEqual([false, true, 5]);
  });
});
