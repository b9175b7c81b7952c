/**
 * The wording rules (`dialogs/rules.json`) as a table: each row a normalised
 * message and what the rule must (or must not) read in it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/core/paths.js';
import { normalise } from '../../src/nlu/normalise.js';
import { Rules, type RuleName } from '../../src/dialog/rules.js';

const rules = Rules.load();
const n = normalise;

describe('rules.json', () => {
  it('compiles', () => {
    expect(() => Rules.load()).not.toThrow();
  });

  it('names the bad rule when a pattern does not compile', () => {
    const source = JSON.parse(readFileSync(fromRoot('dialogs', 'rules.json'), 'utf8')) as Record<RuleName, string[]>;
    expect(() => new Rules({ ...source, yes: ['(unclosed'] })).toThrow(/rules\.json yes/);
  });
});

describe('yesNo', () => {
  it.each([
    ['はい', 'yes'],
    ['はい、お願いします', 'yes'],
    ['うん', 'yes'],
    ['yes', 'yes'],
    ['Sure', 'yes'],
    ['yes please', 'yes'],
    ['いいえ', 'no'],
    ['いいえ、結構です', 'no'],
    ['No thanks', 'no'],
    ['no', 'no'],
    ['nope', 'no'],
    ['ドコモです', undefined],
    ['banana', undefined],
  ] as const)('「%s」 → %s', (text, expected) => {
    expect(rules.yesNo(n(text))).toBe(expected);
  });
});

describe('outcome (did the remedy work?)', () => {
  it.each([
    ['ログインできました', 'yes'],
    ['直りました！', 'yes'],
    ['It worked, thank you', 'yes'],
    ["I'm in", 'yes'],
    ['だめでした', 'no'],
    ['まだできません', 'no'],
    ['still the same error', 'no'],
    ["no, it didn't work", 'no'],
    ['yes', 'yes'],
    ['no', 'no'],
    ['受付は何時までですか？', undefined],
  ] as const)('「%s」 → %s', (text, expected) => {
    expect(rules.outcome(n(text))).toBe(expected);
  });
});

describe('urgent', () => {
  it.each([
    ['身に覚えのない支払いがあります', 'fraud'],
    ['不正利用されたかもしれません', 'fraud'],
    ['アカウントが乗っ取られたみたい', 'fraud'],
    ['There is an unauthorized payment', 'fraud'],
    ['My account was hacked', 'fraud'],
    ['スマホを紛失しました', 'lost'],
    ['携帯を落としてしまった', 'lost'],
    ['My phone was stolen', 'lost'],
    ['I lost my phone on the train', 'lost'],
    ['d払いにログインできません', undefined],
    ['パスワードを忘れました', undefined],
  ] as const)('「%s」 → %s', (text, expected) => {
    expect(rules.urgent(n(text))).toBe(expected);
  });
});

describe('single rules', () => {
  it.each([
    // privacy questions
    ['privacy', 'カード番号を送っても大丈夫ですか？', true],
    ['privacy', 'Is it safe to send my card number here?', true],
    ['privacy', 'パスワードを教えても平気？', true],
    ['privacy', 'ドコモです', false],
    // questions
    ['question', 'spモードって何ですか？', true],
    ['question', '受付は何時までですか？', true],
    ['question', 'How do I make a new d account?', true],
    ['question', 'ドコモです', false],
    ['question', 'Wi-Fiです', false],
    ['question', 'はい', false],
    // not docomo
    ['not_docomo', 'ドコモじゃないです', true],
    ['not_docomo', '他社です', true],
    ['not_docomo', 'other', true],
    ['not_docomo', 'ドコモです', false],
  ] as const)('%s: 「%s」 → %s', (rule, text, expected) => {
    expect(rules.test(rule, n(text))).toBe(expected);
  });
});

/** Regressions (see engine.test.ts 'regressions' for their effect on the dialog). */
describe('regressions', () => {
  // D5: a question 「…大丈夫ですか？」 ("is it OK to…?") reads as "no" because the
  // `no` rule matches 大丈夫です ("I'm fine, no thanks") inside 大丈夫ですか.
  it.each([['カード番号を送っても大丈夫ですか？'], ['このまま待っていて大丈夫ですか？']])('D5 yesNo(「%s」) is neither yes nor no', (text) => {
    expect(rules.yesNo(n(text))).toBeUndefined();
  });

  // D2: English fraud reports without the exact "didn't make (a|the|this|that) payment" shape.
  it.each([["There is a payment I didn't make"], ['I see a payment that I did not make'], ["I don't recognise this charge"]])(
    'D2 urgent(「%s」) is fraud',
    (text) => {
      expect(rules.urgent(n(text))).toBe('fraud');
    },
  );
});
