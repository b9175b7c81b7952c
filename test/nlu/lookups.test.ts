import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLookupData, LookupFeatures } from '../../src/nlu/lookups.js';
import { foldKana } from '../../src/nlu/normalise.js';
import { EntityExtractor } from '../../src/nlu/entities.js';
import { normalise } from '../../src/nlu/normalise.js';
import { BotError } from '../../src/core/errors.js';

const lookups = new LookupFeatures();
const extractor = new EntityExtractor();
const cues = (text: string) => lookups.cuesOf(extractor.extract(normalise(text)).masked);
const feats = (text: string) => lookups.features(extractor.extract(normalise(text)).masked);

function writeTemp(data: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lookups-')), 'lookups.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('lookup cues', () => {
  it.each([
    ['ソフトバンクに乗り換えたらd払いに入れない', ['login', 'switch']],
    ['アプリのアップデートってどうやるの', ['update']],
    ['昨日まで使えてたのに急にだめ', ['temporal']],
    ['the app says the server is down', ['temporal']],
    ['ＦＥＳ１００３と出ます', ['code']],
    ['家のワイファイだとだめ', ['wifi']],
    ['dアカウントを新しく作りたい', ['create']],
    ['サポートの電話番号を教えて', ['contact']],
    ['オペレーターさんと話したい', ['human']],
    ['パスワードを忘れちゃった', ['password']],
    ['dカードで払うとポイントは？', ['dcard']],
    ['ﾊﾛｰ', ['greet']],
    ['サンキューです', ['thanks']],
    ['じゃあね〜', ['bye']],
    ['yep', ['yes']],
    ['nah', ['no']],
  ])('%s fires %j', (text, expected) => {
    expect(cues(text)).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['カレーの作り方を教えて', 'create'],
    ['楽天ポイントの有効期限', 'dcard'],
    ['I get a verification code error', 'code'],
    ['signing off now', 'login'],
  ])('%s does not fire %s', (text, cue) => {
    expect(cues(text)).not.toContain(cue);
  });

  it('adds L:nocause to a login with no cause, and not when a cause is given', () => {
    expect(feats('d払いにログインできない')).toContain('L:nocause');
    expect(feats('d払いにログインできない、さっきまで使えたのに')).not.toContain('L:nocause');
    expect(feats('I cannot log in to d barai')).toContain('L:nocause');
  });

  it('adds L:only_<cause> for a single cause and L:none when nothing fires', () => {
    expect(feats('KP23002ってなに')).toContain('L:only_code');
    expect(feats('今日の夕飯どうしよう')).toContain('L:none');
  });

  it('repeats a weighted cue as distinct features', () => {
    const data = loadLookupData();
    const n = data.weights.switch ?? 1;
    const f = feats('MNPしました');
    expect(f.filter((x) => x === 'L:switch' || x.startsWith('L:switch#'))).toHaveLength(n);
    expect(new Set(f).size).toBe(f.length);
  });

  it.each([
    ['乗り換えてないのにログインできない', 'switch_not'],
    ['乗り換えはしてないけど入れない', 'switch_not'],
    ['I never switched carriers', 'switch_not'],
    ["I didn't switch carriers", 'switch_not'],
    ['auに乗り換えたらログインできない', 'switch'],
    ['乗り換えたけどログインできない', 'switch'],
    ['I switched to au and it did not work', 'switch'],
  ])('negation: %s fires %s', (text, cue) => {
    const fired = cues(text);
    expect(fired).toContain(cue);
    expect(fired).not.toContain(cue === 'switch' ? 'switch_not' : 'switch');
  });

  it('a negated cause is no cause: 「乗り換えてないのに入れない」 is a login failure without one', () => {
    expect(feats('乗り換えてないのにログインできない')).toContain('L:nocause');
  });

  it('docomo never used is not the carrier-change cue', () => {
    expect(cues('ドコモは使ったことないけどログインできない')).not.toContain('switch');
  });

  it('folds katakana to hiragana so one pattern covers both', () => {
    expect(foldKana('ハローはろー')).toBe('はろーはろー');
  });
});

describe('loadLookupData', () => {
  it('loads the shipped file', () => {
    expect(Object.keys(loadLookupData().cues).length).toBeGreaterThan(10);
  });

  it.each([
    [{ cues: { login: ['(unclosed'] }, nocause: { login: ['login'], causes: ['login'] } }, /cues\.login\.0: not a valid regular expression/],
    [{ cues: { login: ['log ?in'] }, nocause: { login: ['login'], causes: ['nope'] } }, /unknown cue "nope"/],
    [{ cues: { login: ['log ?in'] }, weights: { login: 0 }, nocause: { login: ['login'], causes: ['login'] } }, /weights\.login/],
    [{ cues: { Login: ['x'] }, nocause: { login: ['Login'], causes: ['Login'] } }, /lower-case/],
    [{ cues: { login: [] }, nocause: { login: ['login'], causes: ['login'] } }, /cues\.login/],
    [
      { cues: { login: ['x'] }, nocause: { login: ['login'], causes: ['login'] }, negation: { cues: ['nope'], after: ['ない'], before: ['not '], window: 5 } },
      /unknown cue "nope"/,
    ],
    [{ cues: { login: ['x'] }, weights: { other_not: 2 }, nocause: { login: ['login'], causes: ['login'] } }, /weights\.other_not/],
  ])('refuses bad data %#', (data, message) => {
    const file = writeTemp(data);
    expect(() => loadLookupData(file)).toThrow(BotError);
    expect(() => loadLookupData(file)).toThrow(message);
  });
});
