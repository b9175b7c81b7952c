/**
 * Standardisation (`intents/dialect.json` through `Standardiser`): dialect,
 * keigo and slang forms read as standard Japanese, romaji as Japanese, kana
 * and misspelt spellings as the usual ones; standard text left alone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Nlu } from '../../src/nlu/index.js';
import { loadDialectData } from '../../src/nlu/standardise.js';
import { fromRoot } from '../../src/core/paths.js';
import { BotError } from '../../src/core/errors.js';
import { loadTrainingData } from '../../src/nlu/training.js';
import { normalise } from '../../src/nlu/normalise.js';

const nlu = new Nlu();
const read = (text: string) => nlu.read(text);

describe('dialect forms read as standard Japanese', () => {
  it.each([
    // negation: Kansai へん / ひん, Western and Kyushu ん, Tohoku ねぇ, keigo かねる
    ['アプデしてへん', 'アプデしてない'],
    ['乗り換えてへんよ', '乗り換えてないよ'],
    ['でけへんかった', 'できなかった'],
    ['まだ入れへんねん', 'まだ入れないんだ'],
    ['ログインできひん', 'ログインできない'],
    ['使えんくなった', '使えなくなった'],
    ['わからんけど', 'わからないけど'],
    ['入られんのじゃ', '入れないのだ'],
    ['更新しとらん', '更新してない'],
    ['入れねぇんだ', '入れないんだ'],
    ['ログインでぎねぇ', 'ログインできない'],
    ['入れねぐなった', '入れなくなった'],
    ['ログインいたしかねております', 'ログインできない'],
    // did it work
    ['あかんかった', 'だめだった'],
    ['あかんわ', 'だめ'],
    ['いけんかった', 'だめだった'],
    // progressive とる / よる
    ['ギガ使うとる', 'ギガ使ってる'],
    ['wifiにつないどる', 'wifiにつないでる'],
    ['さっきまで使えよったのに', 'さっきまで使えてたのに'],
    ['昨日はいけとった', '昨日はいけてた'],
    // copula and sentence ends
    ['ドコモやで', 'ドコモだよ'],
    ['auやねん', 'auなんだ'],
    ['外で4Gやった', '外で4gだった'],
    ['iphoneじゃけ', 'iphoneだから'],
    ['povoじゃ', 'povoだ'],
    ['ソフバンたい', 'ソフバンだ'],
    ['入れたばい', '入れたよ'],
    ['困っとるけぇ', '困ってるから'],
    ['変わらんっちゃ', '変わらないんだ'],
    ['入れんと?', '入れないの?'],
    ['ドコモから変えてん', 'ドコモから変えたんだ'],
    ['最新だべ', '最新だ'],
    ['d払いさログイン', 'd払いにログイン'],
    ['特典ば教えて', '特典を教えて'],
    // yes, no, small talk, slang
    ['せやで', 'そうです'],
    ['ほうよ', 'そうです'],
    ['ちゃうちゃう', '違う'],
    ['いんや', 'いいえ'],
    ['おおきに', 'ありがとう'],
    ['まいど', 'こんにちは'],
    ['ほなまたね', 'じゃあまたね'],
    ['むりぽ', '無理'],
    ['おけまる', 'オッケー'],
    ['あざす', 'ありがとう'],
    ['落ちてもうた', '落ちてしまった'],
    ['せなあかんの?', 'しないといけないの?'],
  ])('「%s」 → 「%s」', (text, standard) => {
    expect(read(text)).toBe(standard);
  });

  it.each([
    'ログインできません',
    'このへんで失礼します',
    'たいへん助かりました',
    'wi-fiじゃないです',
    '回線なんですが',
    '田中さんです',
    'spモードが必要なんですか?',
    'もう一度やったらダメでした',
    '話したいです',
    'ドコモショップに行きたい',
    'まだできません',
  ])('standard Japanese stays as it is: 「%s」', (text) => {
    expect(read(text)).toBe(normalise(text));
  });
});

describe('spellings in kana and error codes spelt in kana', () => {
  it.each([
    ['ろぐいんできない', 'ログインできない'],
    ['ロぐイン', 'ログイン'],
    ['でぃーばらい', 'd払い'],
    ['ぱすわーど忘れた', 'パスワード忘れた'],
    ['さいしんやと思う', '最新だと思う'],
    ['エスピーモードって何', 'spモードって何'],
    ['ふぇす1003', 'fes1003'],
    ['ケーピー23002', 'kp23002'],
  ])('「%s」 → 「%s」', (text, standard) => {
    expect(read(text)).toBe(standard);
  });
});

describe('romaji read as Japanese', () => {
  it.each([
    ['d barai ni login dekinai', 'd払いにログインできない'],
    ['norikaete nai', '乗り換えてない'],
    ['docomo desu', 'docomoです'],
    ['sofutobanku desu', 'そふとばんくです'],
    ['waimoba', 'わいもば'],
    ['pasuwaado wasureta', 'パスワード忘れた'],
    ['hito to hanashitai', '人と話したい'],
    ['konnichiwa', 'こんにちわ'],
    ['hai', 'はい'],
    ['mata ne', 'またね'],
  ])('"%s" → 「%s」', (text, standard) => {
    expect(read(text)).toBe(standard);
    expect(nlu.understand(text).lang).toBe('ja');
  });

  it.each([
    'I cannot log in to d barai',
    'same error again',
    'negative',
    'hiya',
    'tokyo',
    'no',
    'yes',
    'wifi',
    'other',
    'operator please',
    'pontaポイントの貯め方',
    'sqlのjoinがわかりません',
  ])('English, names and payloads are not romaji: "%s"', (text) => {
    expect(read(text)).toBe(normalise(text));
  });

  it('no English training example is read as romaji', () => {
    const kana = (s: string) => s.match(/[\u3040-\u30FF]/g)?.length ?? 0;
    const english = loadTrainingData().filter((e) => e.lang === 'en');
    expect(english.filter((e) => kana(read(e.text)) > kana(normalise(e.text))).map((e) => e.text)).toEqual([]);
  });
});

describe('Latin typos and chat abbreviations', () => {
  it.each([
    ['switched to softbnak', 'switched to softbank'],
    ['dokomo', 'docomo'],
    ['i use an andriod', 'i use an android'],
    ['povvo', 'povo'],
    ['forgot my pasword', 'forgot my password'],
    ['how do i updat it', 'how do i update it'],
    ['heyy', 'hey'],
    ['pls help', 'please help'],
    ['softbnakに変えた', 'softbankに変えた'],
  ])('"%s" → "%s"', (text, standard) => {
    expect(read(text)).toBe(standard);
  });

  it.each(['my wife has an iphone', 'catch you later', "i don't think so", 'incorrect', 'i looked everywhere'])(
    'real words are never "corrected": "%s"',
    (text) => {
      expect(read(text)).toBe(normalise(text));
    },
  );
});

describe('dialect.json', () => {
  const withRule = (from: string, to = 'x') => {
    const data = JSON.parse(readFileSync(fromRoot('intents', 'dialect.json'), 'utf8')) as { dialect: { from: string; to: string }[][] };
    data.dialect[0]!.push({ from, to });
    const file = join(mkdtempSync(join(tmpdir(), 'dialect-')), 'dialect.json');
    writeFileSync(file, JSON.stringify(data));
    return file;
  };

  it('loads the file it is given, and an NLU built on it reads with its rules', () => {
    const own = new Nlu({ dialectData: loadDialectData(withRule('ばっちこい', 'いいよ')) });
    expect(own.read('ばっちこい')).toBe('いいよ');
    expect(read('ばっちこい')).toBe('ばっちこい'); // not a rule of the shipped file
  });

  it.each([
    ['(unclosed', /not a valid regular expression/],
    ['(へん)', /capturing group/],
    ['{NOPE}へん', /unknown macro/],
  ])('names the bad rule: %s', (from, message) => {
    const file = withRule(from);
    expect(() => loadDialectData(file)).toThrow(BotError);
    expect(() => loadDialectData(file)).toThrow(message);
    expect(() => loadDialectData(file)).toThrow(/dialect\.0\.\d+\.from/);
  });
});
