/**
 * The reply texts as data: both languages complete, every key the code names
 * present, quick-reply titles for every answer, and the facts the spec
 * requires in the remedy texts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REMEDIES, type Ask, type Lang } from '../../src/core/types.js';
import { fromRoot } from '../../src/core/paths.js';
import { Texts } from '../../src/dialog/texts.js';
import { FAQ, SMALL_TALK, EXPLAIN } from '../../dialogs/faq.js';
import { SLOTS } from '../../dialogs/troubleshoot.js';
import { SPEC_PAYLOADS } from './play.js';

const texts = Texts.load();
const LANGS: Lang[] = ['ja', 'en'];
const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF]/;
/** Every variable the engine and the bot fill, with a sample value. */
const VARS = { notice: 'N', code: 'FES1003', id: 'T0001', position: 1, hours: '9:00-20:00', next: '9:00', max: 2000, value: 'Wi-Fi' };

describe('Texts', () => {
  it('rejects a table where a key is missing in one language', () => {
    expect(() => new Texts({ ja: { a: 'あ', b: 'い' }, en: { a: 'a' } }, {})).toThrow(/en\.b/);
    expect(() => new Texts({ ja: { a: 'あ' }, en: { a: 'a', c: 'c' } }, {})).toThrow(/ja\.c/);
  });

  it('throws on an unknown key rather than showing nothing', () => {
    expect(() => texts.get('ja', 'no.such.key')).toThrow(/no\.such\.key/);
  });

  it('fills {vars} and the contact numbers', () => {
    const t = new Texts({ ja: { k: '{id}: {free}' }, en: { k: '{id} {short}' } }, { short: '151', free: '0120' });
    expect(t.get('ja', 'k', { id: 'T1' })).toBe('T1: 0120');
    expect(t.get('en', 'k', { id: 'T1' })).toBe('T1 151');
  });

  it('loads the project texts with the same keys in ja and en', () => {
    expect(texts.keys().length).toBeGreaterThan(40);
    for (const file of LANGS) {
      const raw = JSON.parse(readFileSync(fromRoot('dialogs', 'texts', `${file}.json`), 'utf8')) as Record<string, string>;
      expect(
        Object.keys(raw)
          .filter((k) => !k.startsWith('$'))
          .sort(),
      ).toEqual([...texts.keys()].filter((k) => !k.startsWith('$')).sort());
    }
  });

  it.each(LANGS)('every %s text is written in that language (English may quote Japanese labels in 「」 or ())', (lang) => {
    for (const key of texts.keys()) {
      const text = texts.get(lang, key, VARS);
      const bare = text.replace(/「[^」]*」/g, '').replace(/\([^)]*\)/g, '');
      if (lang === 'ja') expect(JAPANESE.test(text) || /^qr\./.test(key), `ja.${key}`).toBe(true);
      else expect(JAPANESE.test(bare), `en.${key}: ${text}`).toBe(false);
    }
  });

  it.each(LANGS)('every {var} in %s is one the engine fills or a contact number', (lang) => {
    for (const key of texts.keys()) expect(texts.get(lang, key, VARS), `${lang}.${key}`).not.toMatch(/\{\w+\}/);
  });
});

describe('quick-reply titles', () => {
  const cases: [Ask, string][] = (Object.keys(SPEC_PAYLOADS) as Ask[]).flatMap((ask) => SPEC_PAYLOADS[ask].map((v) => [ask, v] as [Ask, string]));
  it.each(cases)('qr.%s.%s exists in both languages', (ask, value) => {
    expect(texts.has(`qr.${ask}.${value}`)).toBe(true);
    for (const lang of LANGS) expect(texts.get(lang, `qr.${ask}.${value}`).length).toBeGreaterThan(0);
  });

  it('the dialog declares exactly the spec values for each slot question', () => {
    for (const [slot, q] of Object.entries(SLOTS)) expect([...q.values], slot).toEqual(SPEC_PAYLOADS[slot as Ask]);
  });
});

/** String keys the engine and the dialogs name, read from their source. */
function keysInSource(): { file: string; key: string }[] {
  const files = [
    ...readdirSync(fromRoot('src', 'dialog'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fromRoot('src', 'dialog', f)),
    ...readdirSync(fromRoot('dialogs'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fromRoot('dialogs', f)),
  ];
  const found: { file: string; key: string }[] = [];
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    // Dotted literals with a text prefix: 'remedy.x', 'faq.y', 'handoff.z' …
    for (const m of src.matchAll(/'((?:remedy|faq|ask|explain|qr|handoff|urgent|secret|resolved|start|csat)\.[a-z_.]+)'/g))
      found.push({ file, key: m[1] as string });
    // The key argument of say('key' …) and the text arguments of ask(x, 'key', 'prefix').
    for (const m of src.matchAll(/\bsay\(\s*'([a-z_.]+)'/g)) found.push({ file, key: m[1] as string });
    for (const m of src.matchAll(/\.ask\(\s*[^,()]+,\s*'([a-z_.]+)'(?:\s*,\s*'([a-z_.]+)')?/g)) {
      found.push({ file, key: m[1] as string });
      if (m[2]) found.push({ file, key: m[2] });
    }
    for (const m of src.matchAll(/reaskOpenQuestion\(\s*t\s*,\s*'([a-z_.]+)'/g)) found.push({ file, key: m[1] as string });
    for (const m of src.matchAll(/offerPerson(?:Confused)?\(\s*(?:t\s*,\s*)?'([a-z_.]+)'/g)) found.push({ file, key: m[1] as string });
  }
  return found;
}

describe('every key the code references exists', () => {
  const found = keysInSource();

  it('the source scan finds the keys (sanity)', () => {
    const keys = new Set(found.map((f) => f.key));
    for (const k of ['did_it_work', 'offer_agent', 'declined', 'resume', 'reask', 'secret.warning', 'handoff.notice', 'faq.privacy'])
      expect(keys, k).toContain(k);
  });

  it.each(found.map((f) => [f.key, f.file.replace(/.*\/(src|dialogs)\//, '$1/')]))('%s (%s)', (key) => {
    expect(texts.has(key)).toBe(true);
  });

  // Keys built from template literals in engine.ts / troubleshoot.ts, expanded over their possible values.
  const dynamic = [
    ...Object.keys(SLOTS).map((s) => `ask.${s}`),
    ...REMEDIES.filter((r) => r !== 'update_app_os' && r !== 'contact_center').map((r) => `remedy.${r}`),
    ...['ios', 'android', 'any'].map((os) => `remedy.update_app_os.${os}`),
    ...['docomo', 'other'].map((c) => `remedy.contact_center.${c}`),
    ...['fraud', 'lost'].map((u) => `urgent.${u}`),
    ...['bot', 'agent'].map((by) => `csat.ask.${by}`),
    ...['1', '2', '3', '4', '5'].map((n) => `qr.csat.${n}`),
    ...Object.values(FAQ).map((f) => f?.key),
    ...Object.values(SMALL_TALK),
    ...Object.values(EXPLAIN),
  ].filter((k): k is string => typeof k === 'string');
  it.each(dynamic)('%s (built key)', (key) => {
    expect(texts.has(key)).toBe(true);
  });
});

describe('what the texts must say (spec §3)', () => {
  const cases: [Lang, string, string[], string[]][] = [
    ['ja', 'remedy.recreate_account', ['FES1003', 'dアカウントを発行する'], []],
    ['en', 'remedy.recreate_account', ['FES1003', 'dアカウントを発行する'], []],
    ['ja', 'remedy.disable_wifi', ['spモード', 'FES1003', 'KP23002', 'Wi-Fi'], []],
    ['en', 'remedy.disable_wifi', ['sp-mode', 'FES1003', 'KP23002', 'Wi-Fi'], []],
    ['ja', 'remedy.update_app_os.ios', ['App Store', '設定→一般→ソフトウェア・アップデート'], ['Google Play']],
    ['ja', 'remedy.update_app_os.android', ['Google Play', '設定→端末情報→システム・アップデート'], ['App Store']],
    ['ja', 'remedy.update_app_os.any', ['App Store', 'Google Play', 'ソフトウェア・アップデート', 'システム・アップデート'], []],
    ['en', 'remedy.update_app_os.ios', ['App Store', 'Software Update'], ['Google Play']],
    ['en', 'remedy.update_app_os.android', ['Google Play', 'System update'], ['App Store']],
    ['ja', 'remedy.wait_retry', ['メンテナンス'], []],
    ['en', 'remedy.wait_retry', ['maintenance'], []],
    ['ja', 'remedy.contact_center.docomo', ['インフォメーションセンター', '9:00', '20:00', '151', '0120-800-000', 'ドコモショップ'], []],
    // A user who left docomo cannot dial 151.
    ['ja', 'remedy.contact_center.other', ['インフォメーションセンター', '9:00', '20:00', '0120-800-000'], ['151']],
    ['en', 'remedy.contact_center.other', ['Information Center', '0120-800-000'], ['151']],
    ['ja', 'faq.contact_support', ['9:00', '20:00', '151', '0120-800-000'], []],
    ['ja', 'handoff.notice', ['担当者', '表示'], []],
    ['en', 'handoff.notice', ['see this conversation'], []],
    // The 25% campaign is over: mentioned only as ended.
    ['ja', 'faq.dcard_benefits', ['25%', '終了'], []],
    ['en', 'faq.dcard_benefits', ['25%', 'ended'], []],
  ];
  it.each(cases)('%s %s', (lang, key, includes, excludes) => {
    const text = texts.get(lang, key);
    for (const s of includes) expect(text).toContain(s);
    for (const s of excludes) expect(text).not.toContain(s);
  });

  /** Every text of both languages, variables filled, with its key. */
  const all = LANGS.flatMap((lang) => texts.keys().map((key) => ({ where: `${lang}.${key}`, text: texts.get(lang, key, VARS) })));

  it('no text presents a 25% campaign as running', () => {
    const mentions = all.filter((t) => /25\s*%|25パーセント/.test(t.text));
    expect(mentions.map((t) => t.where)).toEqual(expect.arrayContaining(['ja.faq.dcard_benefits', 'en.faq.dcard_benefits'])); // the check below has texts to read
    expect(mentions.filter((t) => !/終了|ended|over|no longer/.test(t.text))).toEqual([]);
  });

  it('no text asks for a password, PIN or card number', () => {
    const SECRET = /パスワード|暗証番号|カード番号|password|\bPINs?\b|card number/i;
    // A sentence naming a secret must refuse it, or be about changing / resetting it (never a request for it).
    const ALLOWED = /ない|ません|never|don'?t|not |変更|change|再設定|reset|忘れ|forgot|お忘れ/i;
    const naming = all.flatMap(({ where, text }) => text.split(/(?<=[。.!?！？])/).flatMap((sentence) => (SECRET.test(sentence) ? [{ where, sentence }] : [])));
    expect(naming.length).toBeGreaterThan(3); // the secret warning, the password answer…: the check below has sentences to read
    expect(naming.filter((n) => !ALLOWED.test(n.sentence))).toEqual([]);
  });
});
