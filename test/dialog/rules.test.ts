/**
 * The wording rules (`dialogs/rules.json`) as a table: each row a normalised
 * message and what the rule must (or must not) read in it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import { fromRoot } from '../../src/core/paths.js';
import { normalise } from '../../src/nlu/normalise.js';
import { Rules, type RuleName } from '../../src/dialog/rules.js';

const rules = Rules.load();
const n = normalise;

describe('loading rules', () => {
  const shipped = JSON.parse(readFileSync(fromRoot('dialogs', 'rules.json'), 'utf8')) as Record<RuleName, string[]>;
  /** A rules file of its own, holding `data`. */
  const write = (data: object) => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(file, JSON.stringify(data));
    return file;
  };

  it('loads the file it is given and reads with its patterns', () => {
    const own = Rules.load(write({ ...shipped, urgent_lost: ['なくした'] }));
    expect(own.urgent(n('スマホをなくした'))).toBe('lost');
    expect(own.urgent(n('スマホを紛失しました'))).toBeUndefined(); // the shipped pattern is not in that file
    expect(rules.urgent(n('スマホを紛失しました'))).toBe('lost');
  });

  it('refuses a file whose pattern does not compile, naming the file and the rule', () => {
    const file = write({ ...shipped, question: ['ok', '(unclosed'] });
    expect(() => Rules.load(file)).toThrow(`${file} question: `);
  });

  it('refuses a file that lacks a rule or has an empty one, naming the file and the rule', () => {
    const { cancel: _missing, ...noCancel } = shipped;
    const missing = write(noCancel);
    expect(() => Rules.load(missing)).toThrow(BotError);
    expect(() => Rules.load(missing)).toThrow(`${missing}: cancel: `);
    const empty = write({ ...shipped, privacy: [] });
    expect(() => Rules.load(empty)).toThrow(`${empty}: privacy: `);
  });

  it('names the bad rule of rules built in code', () => {
    expect(() => new Rules({ ...shipped, question: ['(unclosed'] })).toThrow(/rules\.json question: /);
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
    ['question', 'どこもじゃけ', false], // どこも: docomo in kana, not どこ "where"
    ['question', 'どこで聞けばいい？', true],
  ] as const)('%s: 「%s」 → %s', (rule, text, expected) => {
    expect(rules.test(rule, n(text))).toBe(expected);
  });
});

/** Regressions (see engine.test.ts 'regressions' for their effect on the dialog). */
describe('regressions', () => {
  // D2: English fraud reports without the exact "didn't make (a|the|this|that) payment" shape.
  it.each([["There is a payment I didn't make"], ['I see a payment that I did not make'], ["I don't recognise this charge"]])(
    'D2 urgent(「%s」) is fraud',
    (text) => {
      expect(rules.urgent(n(text))).toBe('fraud');
    },
  );
});

/**
 * Side questions our material has no facts for. A question about typing a
 * secret or a phone number here is `privacy`'s (the engine checks it first),
 * so `no_facts` stays out of its way; ordinary answers and questions our
 * material does answer are neither.
 */
describe('no_facts', () => {
  it.each([
    'dアカウントを作り直したらdポイントは引き継げますか？',
    '新しいアカウントにするとポイント消えちゃう？',
    'ポイントってどうなるん？',
    '残高は新しいアカウントに移せますか',
    '前のアカウントはどうなりますか？',
    '返金してもらえますか？',
    '使えなかった分の補償はありますか',
    'いつ直りますか？',
    'どれくらいで復旧しますか',
    '何日くらいかかりますか？',
    'dアカウントの発行に手数料はかかりますか？',
    'd払いって安全なの？',
    'Will my d points carry over to the new account?',
    'Do I lose my points if I make a new d account?',
    'What happens to my balance?',
    'Can I get a refund?',
    'How long will it take to fix?',
    'When will d barai be working again?',
    'What happens to my old account?',
    'Is there a fee to create a new d account?',
    'Is this chat secure?',
  ])('「%s」 has no facts', (text) => {
    expect(rules.test('no_facts', n(text))).toBe(true);
  });

  it.each(['ここに電話番号を入力しても大丈夫ですか？', 'Is it safe to type my phone number here?', 'カード番号を送っても大丈夫ですか？'])(
    'a question about typing secrets here is privacy, not no_facts: 「%s」',
    (text) => {
      expect(rules.test('privacy', n(text))).toBe(true);
      expect(rules.test('no_facts', n(text))).toBe(false);
    },
  );

  it.each([
    'd払いにログインできない',
    'dアカウントの作り方を教えて',
    'dカードで払うとポイントは貯まりますか？',
    '問い合わせ先の電話番号は？',
    'ドコモです',
    'はい',
    'How do I make a new d account?',
    'Do I earn points when I pay with d card?',
    'What are your opening hours?',
    'It worked, thanks',
  ])('「%s」 is not a no-facts question', (text) => {
    expect(rules.test('no_facts', n(text))).toBe(false);
  });
});
