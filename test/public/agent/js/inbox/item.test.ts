import { describe, expect, it } from 'vitest';
import { INTENTS, REVIEW_REASONS } from '../../../../../src/core/types.js';
import { REVIEW_STATUSES } from '../../../../../src/review/types.js';
import { contextLines, intentChoices, itemView } from '../../../../../public/agent/js/inbox/item.js';
import { reviewItem } from '../../../../helpers/agent.js';
import { agentLabels } from '../../../../helpers/labels.js';
import { findAll, hasClass, one, textOf } from '../../../../helpers/view.js';

const view = (item: object, extra: Record<string, unknown> = {}) =>
  itemView(item, { labels: agentLabels, pick: '', busy: false, onPick: () => {}, onLabel: () => {}, onIgnore: () => {}, now: 5000 + 3 * 60_000, ...extra });
const button = (v: unknown, name: string) => one(v, name);

describe('a review inbox item', () => {
  it('shows the masked text, how often it came, when last, why, and what the bot guessed, in Japanese', () => {
    const v = view(reviewItem({ text: '電話番号 [電話番号] でログインできない' }));
    expect(textOf(one(v, 'inbox-text'))).toBe('電話番号 [電話番号] でログインできない');
    expect(textOf(one(v, 'inbox-count'))).toBe('2回');
    expect(textOf(one(v, 'inbox-reason'))).toBe('対象外と判定');
    expect(textOf(one(v, 'inbox-predicted'))).toBe('推定対象外 51.4%');
    expect(textOf(one(v, 'inbox-last'))).toBe('最終3分前');
    expect(one(v, 'inbox-item').props['data-id']).toBe('1');
  });

  it('puts the message among the lines around it, the bot’s reply after it, three lines at most besides it', () => {
    const lines = contextLines(reviewItem({ context: [...reviewItem().context, { role: 'bot', text: 'fourth', at: 5000 }] }));
    expect(lines.map((l) => `${l.role}${l.self ? '*' : ''}:${l.text}`)).toEqual([
      'user:hello',
      'bot:Hello! How can I help?',
      'user*:the d barai door keeps slamming in my face',
      "bot:Sorry, I can't help with that.",
    ]);
    const v = view(reviewItem());
    expect(findAll(v, hasClass('inbox-line-who')).map(textOf)).toEqual(['お客様', 'ボット', 'この発言', 'ボット']);
    // A hand-off after confusion files an earlier message: the lines are the hand-off turn's, without it.
    expect(contextLines(reviewItem({ reason: 'handoff_confused' })).some((l) => l.self)).toBe(false);
    expect(textOf(view(reviewItem({ reason: 'handoff_confused', context: [] })))).toContain('前後の会話は記録されていません。');
  });

  it('offers every intent of the bot by its Japanese name, in order, and labels only once one is picked', () => {
    expect(intentChoices(agentLabels).map((c) => c.id)).toEqual([...INTENTS]);
    const none = view(reviewItem());
    const options = findAll(none, (d) => d.tag === 'option');
    expect(options.map(textOf).slice(0, 3)).toEqual(['意図を選択…', 'ログインできない', 'キャリア乗り換え']);
    expect(options).toHaveLength(INTENTS.length + 1);
    expect(button(none, 'inbox-label').props.disabled).toBe(true);
    expect(button(none, 'inbox-ignore').props.disabled).toBe(false);
    const picked = view(reviewItem(), { pick: 'login_failed' });
    expect(button(picked, 'inbox-label').props.disabled).toBe(false);
    expect(findAll(picked, (d) => d.tag === 'option' && d.props.selected === true).map(textOf)).toEqual(['ログインできない']);
  });

  it('calls back with the item id when an intent is picked, labelled or ignored', () => {
    const calls: string[] = [];
    const v = view(reviewItem({ id: 7 }), {
      pick: 'thanks',
      onPick: (id: number, intent: string) => calls.push(`pick ${id} ${intent}`),
      onLabel: (id: number) => calls.push(`label ${id}`),
      onIgnore: (id: number) => calls.push(`ignore ${id}`),
    });
    one(v, 'inbox-pick').props.on.change({ target: { value: 'deny' } });
    button(v, 'inbox-label').props.on.click();
    button(v, 'inbox-ignore').props.on.click();
    expect(calls).toEqual(['pick 7 deny', 'label 7', 'ignore 7']);
  });

  it('shows a labelled item with its label and who gave it, and offers to change it; a busy item takes no second request', () => {
    const v = view(reviewItem({ status: 'labelled', label: 'login_failed', labelledBy: 'bob' }));
    expect(textOf(one(v, 'inbox-outcome'))).toBe('ログインできない（bob）');
    expect(textOf(button(v, 'inbox-label'))).toBe('ラベルを変更');
    expect(button(v, 'inbox-label').props.disabled).toBe(true); // the same intent again changes nothing
    const busy = view(reviewItem(), { pick: 'thanks', busy: true });
    expect([button(busy, 'inbox-label').props.disabled, button(busy, 'inbox-ignore').props.disabled, one(busy, 'inbox-pick').props.disabled]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('shows applied and ignored items as they ended, with nothing left to do', () => {
    const applied = view(reviewItem({ status: 'applied', label: 'login_failed', labelledBy: 'bob', version: 3 }));
    expect(textOf(one(applied, 'inbox-outcome'))).toBe('ログインできない（bob、v3 で反映）');
    expect(findAll(applied, hasClass('inbox-actions'))).toEqual([]);
    const ignored = view(reviewItem({ status: 'ignored', labelledBy: 'carol' }));
    expect(textOf(one(ignored, 'inbox-outcome'))).toBe('carol さんが無視しました');
    expect(findAll(ignored, hasClass('inbox-pick'))).toEqual([]);
  });

  it('has a Japanese label for every reason and status the server sends', () => {
    expect(REVIEW_REASONS.filter((r) => !(r in agentLabels.review.reason))).toEqual([]);
    expect(REVIEW_STATUSES.filter((s) => !(s in agentLabels.review.status))).toEqual([]);
  });
});
