/**
 * The AnswerReader as a table: a message, the question it answers, and what
 * it must read (value and sureness), in standard Japanese and English and in
 * the styles real users write: dialect, romaji, kana, misspelt brands,
 * indirect answers, slang.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Nlu } from '../../src/nlu/index.js';
import { AnswerReader, loadAnswerData, type Question } from '../../src/nlu/answers.js';
import { fromRoot } from '../../src/core/paths.js';
import { BotError } from '../../src/core/errors.js';

const nlu = new Nlu();
const read = (ask: Question, text: string) => nlu.answers.read(ask, nlu.understand(text));
type Row = [string, string | undefined];
const sure = (ask: Question, rows: Row[]) =>
  it.each(rows)(`${ask}: 「%s」 → %s`, (text, value) => {
    const r = read(ask, text);
    expect(r?.value).toBe(value);
    if (value !== undefined) expect(r?.sure).toBe(true);
  });

describe('payloads sent back as text', () => {
  it.each<[Question, string]>([
    ['carrier', 'docomo'],
    ['carrier', 'other'],
    ['switched', 'yes'],
    ['network', 'mobile'],
    ['os', 'android'],
    ['app_version', 'outdated'],
    ['resolved', 'no'],
    ['handoff', 'yes'],
  ])('%s: %s', (ask, payload) => {
    expect(read(ask, payload)).toEqual({ value: payload, sure: true });
  });

  it.each<[Question, string]>([
    ['carrier', 'wifi'],
    ['network', 'docomo'],
  ])("another question's payload is no answer: %s ← %s", (ask, payload) => {
    expect(read(ask, payload)).toBeUndefined();
  });
});

describe('carrier', () => {
  sure('carrier', [
    ['ドコモです', 'docomo'],
    ['ドコモやで', 'docomo'],
    ['どこもじゃけ', 'docomo'],
    ['docomo desu', 'docomo'],
    ['dokomo', 'docomo'],
    ['ahamo ni shitemasu', 'docomo'],
    ['auたい', 'other'],
    ['そふとばんく', 'other'],
    ['softbnak', 'other'],
    ['わいもばいる', 'other'],
    ['らくてん', 'other'],
    ['rakten mobile', 'other'],
    ['格安のやつ', 'other'],
    ['安いSIMのとこ', 'other'],
    ['some cheap sim', 'other'],
    ['ドコモじゃないです', 'other'],
    ['ドコモ以外', 'other'],
    ['他社です', 'other'],
    ['ドコモからauに変えてん', 'other'],
    ['前はドコモやったけど今はpovoじゃ', 'other'],
    ['はい', undefined],
    ['わからん', undefined],
  ]);

  it('two lines named as the user’s own are unsure', () => {
    expect(read('carrier', 'ドコモとauの2台持ち')).toMatchObject({ sure: false });
  });
});

describe('switched', () => {
  sure('switched', [
    ['はい', 'yes'],
    ['せや、前はドコモやってん', 'yes'],
    ['ほうよ', 'yes'],
    ['んだ', 'yes'],
    ['dokomo kara norikaeta', 'yes'],
    ['ドコモ時代に作ったやつやな', 'yes'],
    ['yep was on docomo b4', 'yes'],
    ['yeah came from docomo', 'yes'],
    ['いいえ', 'no'],
    ['乗り換えてへんよ', 'no'],
    ['乗り換えとらん', 'no'],
    ['乗り換えたことはないよ', 'no'],
    ['norikaete nai', 'no'],
    ['ドコモとは縁なしやわ', 'no'],
    ['ずっと今の会社じゃけ', 'no'],
    ['ドコモは使ったことねぇべ', 'no'],
    ['ちゃうちゃう、最初からこっち', 'no'],
    ['never been on docomo', 'no'],
    ['nope always been with them', 'no'],
    ['Wi-Fiです', undefined],
  ]);
});

describe('network', () => {
  sure('network', [
    ['Wi-Fiです', 'wifi'],
    ['家のWiFiや', 'wifi'],
    ['無線のやつ', 'wifi'],
    ['わいふぁいじゃけ', 'wifi'],
    ['wifi desu', 'wifi'],
    ['home wi fi', 'wifi'],
    ['wireless i think', 'wifi'],
    ['外で4Gやった', 'mobile'],
    ['ギガ使うとる方', 'mobile'],
    ['ギガ減る方のやつ', 'mobile'],
    ['mobairu deeta', 'mobile'],
    ['えすぴーもーどやな', 'mobile'],
    ['using my data outside', 'mobile'],
    ['cellular', 'mobile'],
    ['Wi-Fiは切ってます', undefined],
    ['はい', undefined],
  ]);

  it.each(['家はWi-Fiで外は4G', '家のWiFiやけど外ではギガ使う'])('both at once is unsure: 「%s」', (text) => {
    expect(read('network', text)).toMatchObject({ sure: false });
  });
});

describe('os', () => {
  sure('os', [
    ['iPhoneです', 'ios'],
    ['アイフォンやで', 'ios'],
    ['あいふぉん', 'ios'],
    ['iphnoe', 'ios'],
    ['アップルのやつ', 'ios'],
    ['andoroido', 'android'],
    ['ぎゃらくしー', 'android'],
    ['andriod', 'android'],
    ['Pixelっちゃん', 'android'],
    ['はい', undefined],
  ]);
});

describe('app_version', () => {
  sure('app_version', [
    ['最新です', 'latest'],
    ['最新にしとるで', 'latest'],
    ['昨日アプデしたばっかりや', 'latest'],
    ['saishin desu', 'latest'],
    ['アプデ済みたい', 'latest'],
    ['just updated it', 'latest'],
    ['はい', 'latest'],
    ['yes', 'latest'],
    ['アプデしてへん', 'outdated'],
    ['更新しとらん', 'outdated'],
    ['appudeeto shitenai', 'outdated'],
    ['古いままやと思う', 'outdated'],
    ['ずっと放置しとるっちゃ', 'outdated'],
    ['更新してねぇ', 'outdated'],
    ['havent updated in a while', 'outdated'],
    ['いいえ', 'outdated'],
    ['わからん', 'outdated'],
    ['idk', 'outdated'],
  ]);
});

describe('resolved (did it work?)', () => {
  sure('resolved', [
    ['ログインできました', 'yes'],
    ['いけたわ！', 'yes'],
    ['できたで、おおきに', 'yes'],
    ['dekita!', 'yes'],
    ['入れたばい', 'yes'],
    ['なおったっちゃ', 'yes'],
    ["I'm in", 'yes'],
    ['works now thx', 'yes'],
    ['ありがとう！', 'yes'],
    ['yes', 'yes'],
    ['だめでした', 'no'],
    ['あかんかった', 'no'],
    ['でけへん', 'no'],
    ['dame deshita', 'no'],
    ['まだ入れんのじゃ', 'no'],
    ['変わらんっちゃ', 'no'],
    ['むりぽ', 'no'],
    ['解決しません', 'no'],
    ["no, it didn't work", 'no'],
    ['still the same error', 'no'],
    ['no', 'no'],
    ['受付は何時までですか？', undefined],
  ]);

  it('worked and failed at once is unsure', () => {
    expect(read('resolved', 'ログインできたけど、すぐ落ちてまた入れない')).toEqual({ value: 'no', sure: false });
  });
});

describe('handoff', () => {
  sure('handoff', [
    ['はい、お願いします', 'yes'],
    ['せやな、頼むわ', 'yes'],
    ['おけまる', 'yes'],
    ['yes please', 'yes'],
    ['いいえ、結構です', 'no'],
    ['いんや', 'no'],
    ['No thanks', 'no'],
    // 「…大丈夫ですか？」 asks whether something is OK: not "no thanks"
    ['カード番号を送っても大丈夫ですか？', undefined],
    ['このまま待っていて大丈夫ですか？', undefined],
  ]);
});

describe('yesNo (a leading no corrects an earlier answer)', () => {
  it.each([
    ['いいえ、ドコモです', 'no'],
    ['ちゃうちゃう、auや', 'no'],
    ['iie, docomo desu', 'no'],
    ['No, it is docomo', 'no'],
    ['はい', 'yes'],
    ['ドコモです', undefined],
  ] as const)('「%s」 → %s', (text, expected) => {
    expect(nlu.answers.yesNo(nlu.understand(text))).toBe(expected);
  });
});

describe('answers.json', () => {
  it('loads the file it is given, and a reader built on it reads with its patterns', () => {
    const data = JSON.parse(readFileSync(fromRoot('intents', 'answers.json'), 'utf8')) as { yes: string[] };
    const file = join(mkdtempSync(join(tmpdir(), 'answers-')), 'answers.json');
    writeFileSync(file, JSON.stringify({ ...data, yes: [...data.yes, 'ばっちこい'] }));
    const own = new AnswerReader(loadAnswerData(file));
    expect(own.yesNo(nlu.understand('ばっちこい'))).toBe('yes');
    expect(nlu.answers.yesNo(nlu.understand('ばっちこい'))).toBeUndefined(); // not a yes of the shipped file
  });

  it('names a bad value, and a pattern that does not compile', () => {
    const data = JSON.parse(readFileSync(fromRoot('intents', 'answers.json'), 'utf8')) as Record<string, unknown>;
    const dir = mkdtempSync(join(tmpdir(), 'answers-'));
    const bad = join(dir, 'bad-plain.json');
    writeFileSync(bad, JSON.stringify({ ...data, plain: { switched: { yes: 'maybe' } } }));
    expect(() => loadAnswerData(bad)).toThrow(BotError);
    expect(() => loadAnswerData(bad)).toThrow(/plain\.switched\.yes: not a value of switched/);
    const broken = join(dir, 'bad-pattern.json');
    writeFileSync(broken, JSON.stringify({ ...data, yes: ['(unclosed'] }));
    expect(() => loadAnswerData(broken)).toThrow(/yes\.0: not a valid regular expression/);
  });
});
