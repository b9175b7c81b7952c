/**
 * Transcript tests as data (architecture principle 10): each transcript is a
 * conversation, each step a user message and what the bot's turn must carry.
 * The user sentences are written for these tests (not taken from any
 * evaluation set) and kept plain, so that they test the dialog, not the
 * classifier's edge cases.
 */
import type { Ask, RemedyId } from '../../src/core/types.js';
import type { Step, Transcript } from './play.js';

const LOGIN_JA = 'd払いにログインできません';
const LOGIN_EN = "I can't log in to d barai";

/** §3: each remedy, reached through the questions, in both languages. */
export const REMEDY_PATHS: Transcript[] = [
  {
    name: 'ja: other carrier + switched → recreate_account',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier', noRemedy: true, lang: 'ja', says: ['start'] } },
      { user: 'auです', expect: { ask: 'switched', noRemedy: true, slots: { carrier: 'other', carrierRaw: 'au' } } },
      { user: 'はい', expect: { remedy: 'recreate_account', ask: 'resolved', lang: 'ja', textIncludes: ['FES1003', 'dアカウントを発行する'] } },
      { user: 'ログインできました！', expect: { ask: 'csat', noRemedy: true, says: ['resolved.yes', 'csat.ask.bot'], slots: {}, slotsExactly: true } },
    ],
  },
  {
    name: 'en: other carrier + switched → recreate_account',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier', lang: 'en' } },
      { user: "I'm on SoftBank", expect: { ask: 'switched', lang: 'en', slots: { carrier: 'other', carrierRaw: 'softbank' } } },
      { user: 'Yes', expect: { remedy: 'recreate_account', ask: 'resolved', lang: 'en', textIncludes: ['FES1003', 'dアカウントを発行する'] } },
    ],
  },
  {
    name: 'ja: docomo + Wi-Fi → disable_wifi',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network', slots: { carrier: 'docomo' } } },
      { user: 'Wi-Fiです', expect: { remedy: 'disable_wifi', ask: 'resolved', lang: 'ja', textIncludes: ['spモード', 'KP23002', 'Wi-Fiをオフ'] } },
    ],
  },
  {
    name: 'en: docomo + Wi-Fi → disable_wifi',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier' } },
      { user: "I'm on docomo", expect: { ask: 'network', lang: 'en' } },
      { user: 'I was on Wi-Fi at home', expect: { remedy: 'disable_wifi', ask: 'resolved', lang: 'en', textIncludes: ['sp-mode', 'Wi-Fi off'] } },
    ],
  },
  {
    name: 'ja: outdated on an iPhone → update_app_os with the iOS steps',
    steps: [
      { user: 'iPhoneでd払いにログインできません', expect: { ask: 'carrier', slots: { os: 'ios' } } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'モバイルデータ通信です', expect: { ask: 'app_version' } },
      {
        user: 'アップデートしてないです',
        expect: {
          remedy: 'update_app_os',
          ask: 'resolved',
          textIncludes: ['App Store', 'ソフトウェア・アップデート'],
          textExcludes: ['Google Play', 'システム・アップデート'],
        },
      },
    ],
  },
  {
    name: 'ja: outdated on an Android (Xperia) → update_app_os with the Android steps',
    steps: [
      { user: 'Xperiaを使っていますがd払いにログインできません', expect: { ask: 'carrier', slots: { os: 'android' } } },
      { user: 'ソフトバンクです', expect: { ask: 'switched' } },
      { user: 'いいえ', expect: { ask: 'app_version', noRemedy: true, slots: { switched: 'no' } } },
      {
        user: '古いバージョンのままです',
        expect: {
          remedy: 'update_app_os',
          ask: 'resolved',
          textIncludes: ['Google Play', 'システム・アップデート'],
          textExcludes: ['App Store', 'ソフトウェア・アップデート'],
        },
      },
    ],
  },
  {
    name: 'en: outdated on an iPhone → update_app_os with the iOS steps',
    steps: [
      { user: "I can't log in to d barai on my iPhone", expect: { ask: 'carrier', lang: 'en' } },
      { user: 'other', expect: { ask: 'switched', lang: 'en' } },
      { user: 'no', expect: { ask: 'app_version', lang: 'en' } },
      { user: 'outdated', expect: { remedy: 'update_app_os', lang: 'en', textIncludes: ['App Store', 'Software Update'], textExcludes: ['Google Play'] } },
    ],
  },
  {
    name: 'ja: outdated, OS unknown → update_app_os with both stores',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'モバイルデータ通信です', expect: { ask: 'app_version' } },
      {
        user: '古いと思います',
        expect: { remedy: 'update_app_os', textIncludes: ['App Store', 'Google Play', 'ソフトウェア・アップデート', 'システム・アップデート'] },
      },
    ],
  },
  {
    name: 'ja: nothing else applies → wait_retry',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'モバイルデータ通信です', expect: { ask: 'app_version' } },
      { user: '最新です', expect: { remedy: 'wait_retry', ask: 'resolved', textIncludes: ['メンテナンス'] } },
    ],
  },
  {
    name: 'ja: every remedy fails → contact_center, offer accepted → ticket with the summary',
    steps: [
      { user: 'ドコモから楽天モバイルに乗り換えてからログインできません', expect: { remedy: 'recreate_account', ask: 'resolved' } },
      { user: 'だめでした', expect: { ask: 'app_version', noRemedy: true, says: ['resolved.no'] } },
      { user: '最新です', expect: { remedy: 'wait_retry', ask: 'resolved' } },
      {
        user: 'まだできません',
        expect: {
          remedy: 'contact_center',
          ask: 'handoff',
          textIncludes: ['インフォメーションセンター', '9:00', '20:00', '0120-800-000'],
          textExcludes: ['151'],
        },
      },
      {
        user: 'はい、お願いします',
        expect: {
          handoff: true,
          ask: null,
          noRemedy: true,
          says: ['handoff.notice', 'handoff.opened'],
          ticket: {
            priority: 'normal',
            reason: 'offer_accepted',
            remedies: ['recreate_account', 'wait_retry', 'contact_center'],
            slots: { carrier: 'other', carrierRaw: 'rakuten', switched: 'yes', app_version: 'latest' },
          },
          slots: {},
          slotsExactly: true,
        },
      },
    ],
  },
  {
    name: 'en: every remedy fails → contact_center (docomo line: 151 too), offer declined → closes, asks nothing more',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier' } },
      { user: 'docomo', expect: { ask: 'network', lang: 'en' } },
      { user: 'mobile data', expect: { ask: 'app_version' } },
      { user: 'they are up to date', expect: { remedy: 'wait_retry', ask: 'resolved' } },
      { user: 'no', expect: { remedy: 'contact_center', ask: 'handoff', lang: 'en', textIncludes: ['151', '0120-800-000'] } },
      {
        user: 'No thanks',
        expect: { ask: null, noHandoff: true, noRemedy: true, says: ['declined'], ticketsForConversation: 0, slots: {}, slotsExactly: true },
      },
      { user: 'thanks', expect: { ask: null, noRemedy: true, says: ['thanks'] } },
    ],
  },
];

/** §3: after "no", the next remedy that applies, in the table's order; never `resolved` after contact_center. */
export const REMEDY_ORDER: Transcript[] = [
  {
    name: 'ja: disable_wifi → no → app_version asked → update_app_os → no → wait_retry → no → contact_center',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'Wi-Fiです', expect: { remedy: 'disable_wifi', ask: 'resolved' } },
      { user: 'いいえ、ダメでした', expect: { ask: 'app_version', noRemedy: true } },
      { user: '古いと思います', expect: { remedy: 'update_app_os', ask: 'resolved' } },
      { user: 'できませんでした', expect: { remedy: 'wait_retry', ask: 'resolved' } },
      { user: 'まだダメです', expect: { remedy: 'contact_center', ask: 'handoff' } },
    ],
  },
  {
    name: 'en: recreate_account → no → (network is not asked off docomo) app_version → wait_retry',
    steps: [
      { user: "Since I switched from docomo to au I can't log in to d barai", expect: { remedy: 'recreate_account', ask: 'resolved', lang: 'en' } },
      { user: "no, it didn't work", expect: { ask: 'app_version', noRemedy: true } },
      { user: 'latest', expect: { remedy: 'wait_retry', ask: 'resolved', lang: 'en' } },
      { user: 'It worked, thank you', expect: { ask: 'csat', says: ['resolved.yes', 'csat.ask.bot'] } },
    ],
  },
];

/** §2: slots stated in the opening or in an answer are never asked; corrections change a slot. */
export const SLOT_FILLING: Transcript[] = [
  {
    name: 'ja: opening states carrier change → first reply is the remedy',
    steps: [
      {
        user: 'ドコモから楽天モバイルに乗り換えたらd払いにログインできなくなりました',
        expect: { remedy: 'recreate_account', ask: 'resolved', says: ['start'] },
      },
    ],
  },
  {
    name: 'en: opening states carrier change → first reply is the remedy',
    steps: [{ user: "Since I switched from docomo to au I can't log in to d barai", expect: { remedy: 'recreate_account', ask: 'resolved', lang: 'en' } }],
  },
  {
    name: 'ja: opening states code, docomo and Wi-Fi → disable_wifi at once',
    steps: [
      {
        user: 'KP23002が出ます。ドコモ回線で、家のWi-Fiにつないでいます',
        expect: { remedy: 'disable_wifi', ask: 'resolved', says: ['start.code'], textIncludes: ['KP23002'], slots: { error_code: 'KP23002' } },
      },
    ],
  },
  {
    name: 'ja: ahamo opening → network asked, switched never',
    steps: [
      { user: 'ahamoでd払いにログインできない', expect: { ask: 'network', slots: { carrier: 'docomo', carrierRaw: 'ahamo' } } },
      { user: 'モバイルデータ通信です', expect: { ask: 'app_version' } },
    ],
  },
  {
    name: 'ja: opening states docomo and an up-to-date app → only network asked',
    steps: [
      { user: 'ドコモ回線でログインできません。アプリは最新です', expect: { ask: 'network' } },
      { user: 'モバイルデータ通信です', expect: { remedy: 'wait_retry', ask: 'resolved' } },
    ],
  },
  {
    name: 'ja: over-answering the carrier question with the network skips the network question',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです。家のWi-Fiです', expect: { remedy: 'disable_wifi', ask: 'resolved' } },
    ],
  },
  {
    name: 'en: over-answering the carrier question with the network skips the network question',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier' } },
      { user: "docomo, and I'm on Wi-Fi", expect: { remedy: 'disable_wifi', ask: 'resolved', lang: 'en' } },
    ],
  },
  {
    name: 'ja: over-answering with the app version skips the app_version question',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'auです。アプリは最新です', expect: { ask: 'switched', slots: { app_version: 'latest' } } },
      { user: 'いいえ', expect: { remedy: 'wait_retry', ask: 'resolved' } },
    ],
  },
  {
    name: 'ja: correction 「いいえ、auです」 at the network question changes the carrier',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network', slots: { carrier: 'docomo' } } },
      { user: 'いいえ、auです', expect: { ask: 'switched', slots: { carrier: 'other', carrierRaw: 'au' } } },
      { user: 'はい', expect: { remedy: 'recreate_account' } },
    ],
  },
  {
    name: 'en: correction to au at the network question changes the carrier',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier' } },
      { user: 'docomo', expect: { ask: 'network' } },
      { user: "No, sorry, I'm actually on au", expect: { ask: 'switched', slots: { carrier: 'other', carrierRaw: 'au' }, lang: 'en' } },
      { user: 'yes', expect: { remedy: 'recreate_account', lang: 'en' } },
    ],
  },
  {
    name: 'ja: not knowing whether the app is current leads to the update steps (harmless to try)',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'モバイルデータです', expect: { ask: 'app_version' } },
      { user: 'よくわからないです', expect: { remedy: 'update_app_os' } },
    ],
  },
  {
    name: 'ja: asked whether the account was made on docomo, a user on another line answering 「ドコモです」 means yes',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ソフトバンクです', expect: { ask: 'switched' } },
      { user: 'ドコモです', expect: { remedy: 'recreate_account', slots: { carrier: 'other', switched: 'yes' } } },
    ],
  },
  {
    name: 'ja: a later message naming docomo drops a switched answer (never kept on a docomo line)',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ソフトバンクです', expect: { ask: 'switched' } },
      { user: 'いいえ、ドコモです', expect: { ask: 'network', slots: { carrier: 'docomo' } } },
    ],
  },
];

/** §5: quick-reply payloads typed back are understood and keep the conversation's language. */
export const PAYLOADS: Transcript[] = [
  {
    name: 'ja: payloads docomo → wifi → no → latest → yes stay Japanese',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier', lang: 'ja' } },
      { user: 'docomo', expect: { ask: 'network', lang: 'ja' } },
      { user: 'wifi', expect: { remedy: 'disable_wifi', ask: 'resolved', lang: 'ja' } },
      { user: 'no', expect: { ask: 'app_version', lang: 'ja' } },
      { user: 'latest', expect: { remedy: 'wait_retry', lang: 'ja' } },
      { user: 'yes', expect: { ask: 'csat', lang: 'ja', says: ['resolved.yes', 'csat.ask.bot'] } },
    ],
  },
  {
    name: 'ja: payloads other → yes → no → outdated → no → no → no stay Japanese',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'other', expect: { ask: 'switched', lang: 'ja', slots: { carrier: 'other' } } },
      { user: 'yes', expect: { remedy: 'recreate_account', lang: 'ja' } },
      { user: 'no', expect: { ask: 'app_version', lang: 'ja' } },
      { user: 'outdated', expect: { remedy: 'update_app_os', lang: 'ja' } },
      { user: 'no', expect: { remedy: 'wait_retry', lang: 'ja' } },
      { user: 'no', expect: { remedy: 'contact_center', ask: 'handoff', lang: 'ja' } },
      { user: 'no', expect: { ask: null, says: ['declined'], lang: 'ja', noHandoff: true } },
    ],
  },
  {
    name: 'ja: payload mobile at the network question',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'docomo', expect: { ask: 'network' } },
      { user: 'mobile', expect: { ask: 'app_version', lang: 'ja', slots: { network: 'mobile' } } },
    ],
  },
  {
    name: 'en: payloads keep English (docomo → mobile → outdated)',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier', lang: 'en' } },
      { user: 'docomo', expect: { ask: 'network', lang: 'en' } },
      { user: 'mobile', expect: { ask: 'app_version', lang: 'en' } },
      { user: 'outdated', expect: { remedy: 'update_app_os', lang: 'en' } },
    ],
  },
  {
    name: 'ja: payload yes to the offer of a person → ticket',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'docomo', expect: { ask: 'network' } },
      { user: 'mobile', expect: { ask: 'app_version' } },
      { user: 'latest', expect: { remedy: 'wait_retry' } },
      { user: 'no', expect: { remedy: 'contact_center', ask: 'handoff' } },
      { user: 'yes', expect: { handoff: true, lang: 'ja', ticket: { reason: 'offer_accepted', slots: { carrier: 'docomo', network: 'mobile' } } } },
    ],
  },
];

/**
 * The questions of the dialog, each with the messages that lead to it and an
 * ordinary answer with what that answer must produce. Used to interrupt, to
 * confuse and to hand off at every question.
 */
export interface QuestionCase {
  ask: Ask;
  lang: 'ja' | 'en';
  to: string[];
  answer: string;
  then: { ask?: Ask | null; remedy?: RemedyId };
}

export const QUESTIONS: QuestionCase[] = [
  { ask: 'carrier', lang: 'ja', to: [LOGIN_JA], answer: 'ドコモです', then: { ask: 'network' } },
  { ask: 'switched', lang: 'ja', to: [LOGIN_JA, 'auです'], answer: 'はい', then: { remedy: 'recreate_account' } },
  { ask: 'network', lang: 'ja', to: [LOGIN_JA, 'ドコモです'], answer: 'Wi-Fiです', then: { remedy: 'disable_wifi' } },
  { ask: 'app_version', lang: 'ja', to: [LOGIN_JA, 'ドコモです', 'モバイルデータ通信です'], answer: '古いままです', then: { remedy: 'update_app_os' } },
  { ask: 'resolved', lang: 'ja', to: [LOGIN_JA, 'ドコモです', 'Wi-Fiです'], answer: 'ログインできました', then: { ask: 'csat' } },
  { ask: 'carrier', lang: 'en', to: [LOGIN_EN], answer: "I'm on docomo", then: { ask: 'network' } },
  { ask: 'switched', lang: 'en', to: [LOGIN_EN, "I'm on SoftBank"], answer: 'yes', then: { remedy: 'recreate_account' } },
  { ask: 'network', lang: 'en', to: [LOGIN_EN, 'docomo'], answer: 'Wi-Fi', then: { remedy: 'disable_wifi' } },
  { ask: 'app_version', lang: 'en', to: [LOGIN_EN, 'docomo', 'mobile data'], answer: 'they are up to date', then: { remedy: 'wait_retry' } },
  { ask: 'resolved', lang: 'en', to: [LOGIN_EN, 'docomo', 'Wi-Fi'], answer: 'no', then: { ask: 'app_version' } },
];

/** The offer of a person after contact_center: reached, and an ordinary answer (no). */
export const OFFER_AFTER_CONTACT_CENTER: QuestionCase[] = [
  { ask: 'handoff', lang: 'ja', to: [LOGIN_JA, 'ドコモです', 'モバイルデータ通信です', '最新です', 'いいえ'], answer: 'いいえ、結構です', then: { ask: null } },
  { ask: 'handoff', lang: 'en', to: [LOGIN_EN, 'docomo', 'mobile data', 'they are up to date', 'no'], answer: 'No thanks', then: { ask: null } },
];

/** Questions from other topics, asked in the middle of the dialog, with the answer they must get. */
export interface Interjection {
  lang: 'ja' | 'en';
  user: string;
  answerKey: string;
}

export const INTERJECTIONS: Interjection[] = [
  { lang: 'ja', user: '問い合わせ先の電話番号は何番ですか？', answerKey: 'faq.contact_support' },
  { lang: 'ja', user: '受付は何時までですか？', answerKey: 'faq.contact_support' },
  { lang: 'ja', user: 'dアカウントはどうやって作るのですか？', answerKey: 'faq.create_account' },
  { lang: 'ja', user: 'dカードで払うとポイントは貯まりますか？', answerKey: 'faq.dcard_benefits' },
  { lang: 'ja', user: 'カード番号をここに送っても大丈夫ですか？', answerKey: 'faq.privacy' },
  { lang: 'ja', user: 'spモードって何ですか？', answerKey: 'faq.sp_mode' },
  { lang: 'en', user: 'What is the phone number of the information center?', answerKey: 'faq.contact_support' },
  { lang: 'en', user: 'How do I make a new d account?', answerKey: 'faq.create_account' },
  { lang: 'en', user: 'Do I earn points if I pay with a d card?', answerKey: 'faq.dcard_benefits' },
  { lang: 'en', user: 'Is it safe to send my card number here?', answerKey: 'faq.privacy' },
  { lang: 'en', user: 'What is sp-mode?', answerKey: 'faq.sp_mode' },
];

/** The path to a question, each step checked only for the question it ends on. */
function reach(q: QuestionCase): Step[] {
  return q.to.map((user) => ({ user, expect: {} }));
}

/** Interrupt `q` with a question from another topic: answer, same ask again, then the dialog goes on. */
export function interrupted(q: QuestionCase, i: Interjection): Transcript {
  return {
    name: `${q.lang}: 「${i.user}」 at the ${q.ask} question`,
    steps: [
      ...reach(q),
      { user: i.user, expect: { says: [i.answerKey, 'resume'], noRemedy: true, noHandoff: true, ask: q.ask, lang: q.lang } },
      { user: q.answer, expect: { ...q.then, lang: q.lang } },
    ],
  };
}

/** Gibberish that no classifier should read as an answer. */
const NONSENSE = { ja: ['ほげほげ', 'ふがふが'], en: ['banana banana', 'purple elephant'] } as const;

/** Two messages not understood in a row: one re-ask of the same question, then the offer of a person. */
export function confused(q: QuestionCase): Transcript {
  const [first, second] = NONSENSE[q.lang];
  return {
    name: `${q.lang}: two not-understood answers at the ${q.ask} question`,
    steps: [
      ...reach(q),
      { user: first, expect: { ask: q.ask, says: ['reask'], noRemedy: true } },
      { user: second, expect: { ask: 'handoff', says: ['handoff.offer_confused'], noRemedy: true, noHandoff: true } },
      // Declining the offer goes back to the question that was open.
      { user: q.lang === 'ja' ? 'いいえ' : 'no', expect: { ask: q.ask, says: ['resume'], noHandoff: true } },
      { user: q.answer, expect: { ...q.then } },
    ],
  };
}

/** A not-understood answer, then a good one, then another miss: the count restarts, so a re-ask again. */
export const MISS_COUNT_RESETS: Transcript[] = [
  {
    name: 'ja: miss, answer, miss → re-ask (not the offer)',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ほげほげ', expect: { ask: 'carrier', says: ['reask'] } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'ふがふが', expect: { ask: 'network', says: ['reask'] } },
    ],
  },
  {
    name: 'ja: miss, interruption, miss → re-ask (an interruption is understood)',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ほげほげ', expect: { ask: 'carrier', says: ['reask'] } },
      { user: '受付は何時までですか？', expect: { ask: 'carrier', says: ['faq.contact_support'] } },
      { user: 'ふがふが', expect: { ask: 'carrier', says: ['reask'] } },
    ],
  },
];

/** §4: a person on request at every question; relaying while open; the same ticket when asked again. */
export function handOffAt(q: QuestionCase): Transcript {
  const ask = q.lang === 'ja' ? 'オペレーターと話したいです' : 'I want to talk to a human';
  return {
    name: `${q.lang}: asks for a person at the ${q.ask} question`,
    steps: [
      ...reach(q),
      {
        user: ask,
        expect: {
          handoff: true,
          ask: null,
          noRemedy: true,
          says: ['handoff.notice', 'handoff.opened'],
          lang: q.lang,
          ticket: { reason: 'asked', priority: 'normal' },
          ticketsForConversation: 1,
        },
      },
      { user: q.lang === 'ja' ? 'まだですか？' : 'hello?', expect: { relayed: true } },
      { user: ask, expect: { relayed: true, ticketsForConversation: 1 } },
    ],
  };
}

export const HANDOFF: Transcript[] = [
  {
    name: 'ja: the ticket summary holds the slots and remedies so far',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'Wi-Fiです', expect: { remedy: 'disable_wifi' } },
      {
        user: '担当者につないでください',
        expect: {
          handoff: true,
          ticket: { reason: 'asked', remedies: ['disable_wifi'], slots: { carrier: 'docomo', network: 'wifi' } },
          slots: {},
          slotsExactly: true,
        },
      },
    ],
  },
  {
    name: 'ja: asked again after the state was lost → the same ticket, not a second one',
    steps: [
      { user: 'オペレーターと話したいです', expect: { handoff: true, ticketsForConversation: 1 } },
      {
        user: 'オペレーターと話したいです',
        loseState: true,
        expect: { handoff: true, sameTicket: true, says: ['handoff.already'], ticketsForConversation: 1 },
      },
    ],
  },
  {
    name: 'ja: while the ticket is open the bot relays; after the agent closes it the bot answers again',
    steps: [
      { user: 'オペレーターと話したいです', expect: { handoff: true } },
      { user: 'ドコモです、Wi-Fiでログインできません', expect: { relayed: true } },
      { user: LOGIN_JA, closeTicket: true, expect: { relayed: false, ask: 'carrier', says: ['start'] } },
    ],
  },
  {
    name: 'en: relayed while open, then the bot is back after close',
    steps: [
      { user: 'Can I talk to a person please?', expect: { handoff: true, lang: 'en', says: ['handoff.notice'] } },
      { user: 'hello, anyone there?', expect: { relayed: true } },
      { user: LOGIN_EN, closeTicket: true, expect: { relayed: false, ask: 'carrier', lang: 'en' } },
    ],
  },
  {
    name: 'ja: waiting user sends キャンセル → ticket withdrawn, the bot is back',
    steps: [
      { user: 'オペレーターと話したいです', expect: { handoff: true } },
      { user: 'キャンセル', expect: { ask: null, noHandoff: true, says: ['handoff.cancelled'] } },
      { user: LOGIN_JA, expect: { relayed: false, ask: 'carrier' } },
    ],
  },
  {
    name: 'en: once an agent has claimed the ticket the bot stays silent',
    steps: [
      { user: 'I want to talk to a human', expect: { handoff: true } },
      { user: 'are you there?', claimTicket: true, expect: { relayed: true } },
      { user: LOGIN_EN, expect: { relayed: true } },
    ],
  },
  {
    name: 'ja: a ticket outlives the 24-hour state expiry (still relayed)',
    steps: [
      { user: 'オペレーターと話したいです', expect: { handoff: true } },
      { user: 'まだつながりませんか？', afterHours: 25, expect: { relayed: true } },
    ],
  },
  {
    name: 'ja: password forgotten → official reset, offer of a person → yes → ticket',
    steps: [
      { user: 'パスワードを忘れてしまいました', expect: { says: ['faq.password_forgotten'], ask: 'handoff', noRemedy: true } },
      { user: 'はい', expect: { handoff: true, ticket: { reason: 'offer_accepted' } } },
    ],
  },
];

/** Emergencies go to a person at once, with priority. */
export const URGENT: Transcript[] = [
  {
    name: 'ja: an unauthorised payment at the start',
    steps: [
      {
        user: '身に覚えのない支払いがd払いに記録されています',
        expect: { handoff: true, says: ['urgent.fraud', 'handoff.opened'], noRemedy: true, ticket: { priority: 'urgent', reason: 'urgent_fraud' } },
      },
    ],
  },
  {
    name: 'ja: a lost phone in the middle of the dialog',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      {
        user: 'スマホを紛失しました',
        expect: { handoff: true, ask: null, says: ['urgent.lost'], ticket: { priority: 'urgent', reason: 'urgent_lost', slots: { carrier: 'docomo' } } },
      },
    ],
  },
  {
    name: 'en: an unauthorized payment',
    steps: [
      {
        user: 'There is an unauthorized payment on my d barai',
        expect: { handoff: true, lang: 'en', says: ['urgent.fraud'], ticket: { priority: 'urgent', reason: 'urgent_fraud' } },
      },
    ],
  },
  {
    name: 'en: a stolen phone',
    steps: [
      {
        user: 'My phone was stolen yesterday',
        expect: { handoff: true, lang: 'en', says: ['urgent.lost'], ticket: { priority: 'urgent', reason: 'urgent_lost' } },
      },
    ],
  },
];

/** Secrets are refused: warning, nothing kept, the open question asked again. */
export const SECRETS: Transcript[] = [
  {
    name: 'ja: a password at the carrier question',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'パスワードはabc12345です', expect: { says: ['secret.warning'], ask: 'carrier', noRemedy: true, slots: {}, slotsExactly: true } },
      { user: 'ドコモです', expect: { ask: 'network' } },
    ],
  },
  {
    name: 'ja: a 16-digit card number at the network question',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: '4980 1234 5678 9012', expect: { says: ['secret.warning'], ask: 'network', noRemedy: true, lang: 'ja' } },
      { user: 'Wi-Fiです', expect: { remedy: 'disable_wifi' } },
    ],
  },
  {
    name: 'en: a password at the resolved question',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier' } },
      { user: 'docomo', expect: { ask: 'network' } },
      { user: 'Wi-Fi', expect: { remedy: 'disable_wifi' } },
      { user: 'my password is hunter22', expect: { says: ['secret.warning'], ask: 'resolved', noRemedy: true, lang: 'en' } },
    ],
  },
  {
    name: 'en: a card number outside a dialog',
    steps: [{ user: 'My card number is 4980123456789012', expect: { says: ['secret.warning'], ask: null, noRemedy: true, noHandoff: true, lang: 'en' } }],
  },
];

/** Replies follow the language of the user's last message with words in it. */
export const LANGUAGE: Transcript[] = [
  { name: 'en opening → English', steps: [{ user: LOGIN_EN, expect: { lang: 'en', ask: 'carrier' } }] },
  { name: 'ja opening → Japanese', steps: [{ user: LOGIN_JA, expect: { lang: 'ja', ask: 'carrier' } }] },
  {
    name: 'ja conversation, English answer → English from then on',
    steps: [
      { user: LOGIN_JA, expect: { lang: 'ja' } },
      { user: "I'm on docomo", expect: { lang: 'en', ask: 'network' } },
      { user: 'wifi', expect: { lang: 'en', remedy: 'disable_wifi' } },
    ],
  },
  {
    name: 'en greeting, then Japanese → Japanese',
    steps: [
      { user: 'Hello', expect: { lang: 'en', says: ['greeting'], ask: null } },
      { user: LOGIN_JA, expect: { lang: 'ja', ask: 'carrier' } },
    ],
  },
];

/**
 * Answers written the way real users write them (dialect, romaji, kana,
 * misspelt brands, indirect answers, sloppy English), read the first time,
 * through the AnswerReader; an answer that says two things is asked again.
 */
export const STYLES: Transcript[] = [
  {
    name: 'Kansai: docomo on Wi-Fi → disable_wifi → it worked',
    steps: [
      { user: 'd払いログインでけへんねん', expect: { ask: 'carrier', lang: 'ja' } },
      { user: 'ドコモやで', expect: { ask: 'network', slots: { carrier: 'docomo' } } },
      { user: '家の無線のやつや', expect: { remedy: 'disable_wifi', ask: 'resolved', slots: { network: 'wifi' } } },
      { user: 'いけたわ、おおきに', expect: { ask: 'csat', says: ['resolved.yes', 'csat.ask.bot'] } },
    ],
  },
  {
    name: 'Hiroshima: SoftBank, made on docomo → recreate_account → no → next remedy',
    steps: [
      { user: 'ログインできんのんじゃけど', expect: { ask: 'carrier' } },
      { user: 'そふばんじゃけ', expect: { ask: 'switched', slots: { carrier: 'other', carrierRaw: 'softbank' } } },
      { user: 'ほうよ', expect: { remedy: 'recreate_account', ask: 'resolved', slots: { switched: 'yes' } } },
      { user: 'あかんかった', expect: { says: ['resolved.no'], ask: 'app_version' } },
      { user: 'アプデしてへん', expect: { remedy: 'update_app_os', slots: { app_version: 'outdated' } } },
    ],
  },
  {
    name: 'Tohoku: docomo on 4G, app never updated → update_app_os',
    steps: [
      { user: 'd払いさログインでぎねぇんだげんど', expect: { ask: 'carrier', lang: 'ja' } },
      { user: 'ドコモだべ', expect: { ask: 'network' } },
      { user: 'ギガ使うとる方', expect: { ask: 'app_version', slots: { network: 'mobile' } } },
      { user: '更新してねぇ', expect: { remedy: 'update_app_os' } },
    ],
  },
  {
    name: 'romaji: read as Japanese, answered in Japanese',
    steps: [
      { user: 'd barai ni login dekinai', expect: { ask: 'carrier', lang: 'ja' } },
      { user: 'docomo desu', expect: { ask: 'network', lang: 'ja' } },
      { user: 'wifi desu', expect: { remedy: 'disable_wifi', lang: 'ja' } },
      { user: 'dame deshita', expect: { says: ['resolved.no'], ask: 'app_version', lang: 'ja' } },
    ],
  },
  {
    name: 'never on docomo, said in passing in the opening: not asked again',
    steps: [{ user: 'ドコモとは縁なしやけど、auでd払い入れへん', expect: { ask: 'app_version', slots: { carrier: 'other', switched: 'no' } } }],
  },
  {
    name: 'a carrier named as a topic is not the line: still asked',
    steps: [{ user: 'ドコモ以外の回線やとログインできへんの？', expect: { ask: 'carrier' } }],
  },
  {
    name: 'sloppy English with misspelt brands',
    steps: [
      { user: 'cant login to dbarai pls help', expect: { ask: 'carrier', lang: 'en' } },
      { user: 'softbnak', expect: { ask: 'switched', lang: 'en', slots: { carrier: 'other', carrierRaw: 'softbank' } } },
      { user: 'nah never had docomo', expect: { ask: 'app_version', slots: { switched: 'no' } } },
      { user: 'prob outdated', expect: { remedy: 'update_app_os', lang: 'en' } },
    ],
  },
  {
    name: 'an answer that says two things is asked again, saying what was understood',
    steps: [
      { user: 'd払いにログインできません', expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: '家はWi-Fiで外は4Gです', expect: { ask: 'network', says: ['unsure'], noRemedy: true, textIncludes: ['Wi-Fi'] } },
      { user: 'wifi', expect: { remedy: 'disable_wifi' } },
    ],
  },
  {
    name: 'did it work: worked and failed at once is asked again',
    steps: [
      { user: 'ドコモ回線で、Wi-Fiだとd払いにログインできない', expect: { remedy: 'disable_wifi', ask: 'resolved' } },
      { user: 'ログインできたけど、すぐ落ちてまた入れない', expect: { ask: 'resolved', says: ['unsure'], noRemedy: true } },
      { user: 'no', expect: { says: ['resolved.no'] } },
    ],
  },
];

/** Outside a dialog: two out-of-scope messages in a row → the offer of a person. */
export const OUT_OF_SCOPE: Transcript[] = [
  {
    name: 'ja: two out-of-scope in a row → offer',
    steps: [
      { user: '今日の天気はどうですか？', expect: { says: ['out_of_scope'], ask: null, noRemedy: true } },
      { user: 'おすすめのラーメン屋を教えて', expect: { ask: 'handoff', says: ['handoff.offer_confused'], noHandoff: true } },
      { user: 'いいえ', expect: { ask: null, noHandoff: true } },
    ],
  },
  {
    name: 'en: two out-of-scope in a row → offer → yes → ticket',
    steps: [
      { user: "What's the weather like tomorrow?", expect: { says: ['out_of_scope'], ask: null, lang: 'en' } },
      { user: 'Recommend me a good movie', expect: { ask: 'handoff', lang: 'en' } },
      { user: 'yes please', expect: { handoff: true, ticket: { reason: 'confused' } } },
    ],
  },
  {
    name: 'ja: out-of-scope, greeting, out-of-scope → no offer (not in a row)',
    steps: [
      { user: '今日の天気はどうですか？', expect: { ask: null } },
      { user: 'こんにちは', expect: { says: ['greeting'], ask: null } },
      { user: 'おすすめのラーメン屋を教えて', expect: { says: ['out_of_scope'], ask: null } },
    ],
  },
  {
    name: 'ja: a contact question outside the dialog is an FAQ answer, not the contact_center remedy',
    steps: [{ user: '問い合わせ先の電話番号は何番ですか？', expect: { says: ['faq.contact_support'], noRemedy: true, ask: null } }],
  },
];

/** §2: 24 hours of silence forget the slots. */
export const EXPIRY: Transcript[] = [
  {
    name: 'ja: 25 hours later the carrier is forgotten',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'Wi-Fiです', afterHours: 25, expect: { ask: 'carrier', noRemedy: true, says: ['start'], slots: { network: 'wifi' } } },
    ],
  },
  {
    name: 'ja: 23 hours later the carrier is still known',
    steps: [
      { user: LOGIN_JA, expect: { ask: 'carrier' } },
      { user: 'ドコモです', expect: { ask: 'network' } },
      { user: 'Wi-Fiです', afterHours: 23, expect: { remedy: 'disable_wifi' } },
    ],
  },
  {
    name: 'en: 25 hours later the language is kept, the question starts afresh',
    steps: [
      { user: LOGIN_EN, expect: { ask: 'carrier' } },
      { user: 'other', expect: { ask: 'switched' } },
      { user: 'yes', afterHours: 25, expect: { ask: null, noRemedy: true, lang: 'en', slots: {}, slotsExactly: true } },
    ],
  },
];
