import { describe, expect, it } from 'vitest';
import { LABELS, labelsFor, langOf } from '../../../public/widget/labels.js';

describe('widget labels', () => {
  it('reads language tags', () => {
    expect([langOf('en'), langOf('EN-us'), langOf('ja-JP'), langOf('fr'), langOf(''), langOf(undefined)]).toEqual(['en', 'en', 'ja', 'ja', null, null]);
  });

  it("uses the page's data-title in the page's language and its own title in the other", () => {
    const settings = { lang: 'ja' as const, title: 'ヘルプチャット' };
    expect(labelsFor('ja', settings).title).toBe('ヘルプチャット');
    expect(labelsFor('en', settings)).toMatchObject({ title: 'd払い Login Support', send: 'Send', placeholder: 'Type a message…' });
    expect(labelsFor('ja', { lang: 'ja', title: null }).title).toBe('d払い ログインサポート');
  });

  it('has every label in both languages', () => {
    expect(Object.keys(LABELS.en).sort()).toEqual(Object.keys(LABELS.ja).sort());
    for (const value of [...Object.values(LABELS.ja), ...Object.values(LABELS.en)]) expect(value).not.toBe('');
  });
});
