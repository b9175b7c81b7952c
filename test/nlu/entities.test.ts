import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityExtractor, PLACEHOLDER, loadEntityData } from '../../src/nlu/entities.js';
import { normalise } from '../../src/nlu/normalise.js';
import { BotError } from '../../src/core/errors.js';

const extractor = new EntityExtractor();
const read = (text: string) => extractor.extract(normalise(text));

describe('entities', () => {
  it.each([
    // error codes, whatever the width, case or separator
    ['ＦＥＳ１００３が出ました', { error_code: 'FES1003' }],
    ['kp-23002 って何', { error_code: 'KP23002' }],
    ['E 0510 と表示される', { error_code: 'E0510' }],
    // device and OS names are not codes
    ['iPhone 12を使っています', { os: 'ios' }],
    ['iOS 17にしました', { os: 'ios' }],
    ['Galaxy S23です', { os: 'android' }],
    ['Pixel 8 Pro', { os: 'android' }],
    // carriers, the line used now
    ['ワイモバを使ってます', { carrier: 'ymobile' }],
    ['楽天モバイルです', { carrier: 'rakuten' }],
    ['格安SIMなんです', { carrier: 'mvno' }],
    ['ドコモのahamoです', { carrier: 'ahamo' }],
    ['ドコモからauに乗り換えた', { carrier: 'au' }],
    ['au PAYで払う', {}],
    // networks
    ['ワイファイにつないでます', { network: 'wifi' }],
    ['自宅の無線LANで', { network: 'wifi' }],
    ['4G回線です', { network: 'mobile' }],
    ['spモードで接続', { network: 'mobile' }],
    ['モバイルバッテリーで充電中', {}],
    // app versions, not OS versions
    ['バージョン5.4です', { app_version: '5.4' }],
    ['v5.1.3を使用', { app_version: '5.1.3' }],
    ['iOS 17.2です', { os: 'ios' }],
    ['the price was 15% of 3000 yen', {}],
  ])('%s → %j', (text, entities) => {
    expect(read(text).entities).toEqual(entities);
  });

  it.each([
    ['ドコモからauに', { carrier: 'other', carrierRaw: 'au', switched: 'yes' }],
    ['前はドコモでした', { carrier: 'other', switched: 'yes' }],
    ['ドコモは使ったことない', { switched: 'no' }],
    ['ドコモ回線です', { carrier: 'docomo' }],
    ['I moved from docomo to povo', { carrier: 'other', switched: 'yes' }],
    ['アプリは最新です', { app_version: 'latest' }],
    ['アップデートしてないです', { app_version: 'outdated' }],
    // wording met in answers to the dialog's questions
    ['Wi-Fiは切ってます、4Gです', { network: 'mobile' }],
    ['wifi is off, on LTE now', { network: 'mobile' }],
    ['ワイファイ切らないとダメ？', { network: 'wifi' }],
    ['楽天モバイルに移ってから入れない', { carrier: 'other', carrierRaw: 'rakuten', switched: 'yes' }],
    ['前の回線はドコモです', { switched: 'yes' }],
    ['元ドコモユーザーです', { switched: 'yes' }],
    ['乗り換えてないです', { switched: 'no' }],
    ['乗り換えたことないです', { switched: 'no' }],
    ['キャリアを変えたことは一度もない', { switched: 'no' }],
    ['ずっと今の会社です', { switched: 'no' }],
    ["I didn't switch", { switched: 'no' }],
    ['I just updated', { app_version: 'latest' }],
    ['更新済みです', { app_version: 'latest' }],
    ['アプリを更新していません', { app_version: 'outdated' }],
    ['My app is really old', { app_version: 'outdated' }],
    ['スマホがかなり古いです', { app_version: 'outdated' }],
    ['everything is updated', { app_version: 'latest' }],
    ["they're up to date", { app_version: 'latest' }],
    ['probably not', { app_version: 'outdated' }],
  ])('facts of %s include %j', (text, facts) => {
    expect(read(text).facts).toMatchObject(facts);
  });

  it('reads Wi-Fi named as off as no network, but keeps the Wi-Fi topic for the classifier', () => {
    const r = read('Wi-Fiをオフにしたら入れた');
    expect(r.entities.network).toBeUndefined();
    expect(r.masked).toContain(PLACEHOLDER.wifiOff);
  });

  it('does not take a past carrier as the current one', () => {
    expect(read('ドコモからソフトバンクに変えた').entities.carrier).toBe('softbank');
    expect(read('前はドコモ').entities.carrier).toBeUndefined();
  });

  it.each([
    ['ソフトバングに変えた', { carrier: 'softbank' }],
    ['ワイモバイレです', { carrier: 'ymobile' }],
    ['アンドロイト使ってる', { os: 'android' }],
    ['ソフトバングじゃなくてauです', { carrier: 'au' }], // a brand found as written: no guessing
    ['キャンペーンのポイント', {}],
  ])('a katakana brand one slip off, when none is found as written: %s → %j', (text, entities) => {
    expect(read(text).entities).toEqual(entities);
  });

  it.each([
    ['そふとばんくです', 'softbank'],
    ['ソフバン', 'softbank'],
    ['わいもばいる', 'ymobile'],
    ['らくてんもばいるにした', 'rakuten'],
    ['ゆーきゅーです', 'uq'],
  ])('finds a brand however its kana is written: 「%s」 → %s', (text, carrier) => {
    expect(read(text).entities.carrier).toBe(carrier);
  });

  it.each([
    'ドコモ以外でもdアカウント作れる?',
    'ドコモユーザーじゃなくても使える?',
    'ドコモのカスタマーセンターの番号は?',
    'docomo customer center number',
    "what's docomo's information center number",
    'can I use it without a docomo contract?',
    "how do I make an account if I'm not on docomo",
  ])('a carrier named as a topic is not the line: %s', (text) => {
    const r = read(text);
    expect(r.entities.carrier).toBeUndefined();
    expect(r.facts.carrier).toBeUndefined();
  });

  it('masks a topic carrier with its own placeholder, for the classifier', () => {
    expect(read('ドコモ以外でも作れる?').masked).toContain(PLACEHOLDER.topic);
  });

  it.each([
    ['ドコモとは縁なしです', { switched: 'no' }],
    ['ドコモとは関係ない', { switched: 'no' }],
    ['never on docomo, always softbank', { switched: 'no', carrier: 'other' }],
    ["I haven't been with docomo", { switched: 'no' }],
  ])('docomo never used, said in passing: %s', (text, facts) => {
    expect(read(text).facts).toMatchObject(facts);
  });

  it.each([
    ['家はWi-Fiで外は4G', ['network']],
    ['iPhoneとAndroidの2台持ち', ['os']],
    ['ドコモとauの2回線', ['carrier']],
    ['ドコモのahamoです', undefined],
    ['ドコモからauに変えた', undefined],
    ['Wi-Fiは切って4Gです', undefined],
  ])('names two values of a slot: %s → %j', (text, mixed) => {
    expect(read(text).mixed).toEqual(mixed);
  });

  it('refuses a synonym file with a bad value, naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entities-'));
    const file = join(dir, 'entities.json');
    const data = loadEntityData();
    writeFileSync(file, JSON.stringify({ ...data, carrier: { ...data.carrier, kddi_typo: ['x'] }, os: { ios: [] } }));
    expect(() => loadEntityData(file)).toThrow(BotError);
    expect(() => loadEntityData(file)).toThrow(/entities\.json: .*(carrier|os)/);
  });
});
