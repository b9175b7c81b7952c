import { z } from 'zod';
import { CARRIERS, type Carrier, type Entities, type SlotName, type Slots } from '../core/types.js';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import { ERROR_CODE, codeOf, eitherKana, foldKana, normalise } from './normalise.js';
import { FuzzyWords } from './fuzzy.js';

const ERROR_CODE_SPAN = new RegExp(ERROR_CODE.source, 'g');

const Patterns = z.array(z.string().min(1));
const Synonyms = z.array(z.string().min(1)).min(1);
const EntityFile = z.object({
  ignore: z.object({ patterns: Patterns }),
  carrier: z.record(z.enum(CARRIERS), Synonyms),
  network: z.object({ wifi: Synonyms, mobile: Synonyms }),
  os: z.object({ ios: Synonyms, android: Synonyms }),
  docomoPast: z.object({ never: Patterns, past: Patterns }),
  topic: z.object({ patterns: Patterns }),
  switched: z.object({ no: Patterns, yes: Patterns }),
  appVersion: z.object({ outdated: Patterns, latest: Patterns }),
});
export type EntityData = z.infer<typeof EntityFile>;

/** Loads and checks `intents/entities.json` (or another file of its shape). */
export function loadEntityData(file = fromRoot('intents', 'entities.json')): EntityData {
  return loadJson(file, EntityFile);
}

interface Span {
  kind: MentionKind;
  value: string;
  start: number;
  end: number;
}
type MentionKind = 'carrier' | 'network' | 'os';
/** One regular expression for all the synonym lists (the longest forms first), kana-folded, and each form's kind and value. */
interface Lexicon {
  re: RegExp;
  /** Form, kana-folded and without white space, → what it names. */
  values: Map<string, { kind: MentionKind; value: string }>;
  /** The forms written in kana alone (folded), for typo matching of a katakana word when nothing was found as written. */
  kana: FuzzyWords;
}

/** The more specific brand wins when a message names two (「ドコモのahamo」, "au's povo"). */
const CARRIER_PRIORITY: Carrier[] = ['ahamo', 'povo', 'uq', 'linemo', 'ymobile', 'rakuten', 'mvno', 'au', 'softbank', 'docomo'];
const DOCOMO_LINE = new Set<Carrier>(['docomo', 'ahamo']);
const MARK = '\u{E000}'; // stands in for the carrier mention under test
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LATIN = /[a-z0-9]/;

function synonymPattern(form: string): string {
  const body = eitherKana(escape(form)).replace(/\\?\s+/g, '\\s*');
  const head = LATIN.test(form[0] ?? '') ? '(?<![a-z0-9])' : '';
  const tail = /[a-z]/.test(form[form.length - 1] ?? '') ? '(?![a-z])' : '';
  return head + body + tail;
}

const SPACE = /\s+/g;

function lexicon(tables: Record<MentionKind, Record<string, string[]>>): Lexicon {
  const forms = (Object.entries(tables) as [MentionKind, Record<string, string[]>][])
    .flatMap(([kind, table]) => Object.entries(table).flatMap(([value, list]) => list.map((form) => ({ kind, value, form: foldKana(normalise(form)) }))))
    .sort((a, b) => b.form.length - a.form.length);
  return {
    re: new RegExp(forms.map((f) => synonymPattern(f.form)).join('|'), 'g'),
    values: new Map(forms.map((f) => [f.form.replace(SPACE, ''), { kind: f.kind, value: f.value }])),
    kana: new FuzzyWords(new Map(forms.filter((f) => KANA_FORM.test(f.form)).map((f) => [f.form, 1]))),
  };
}

const KANA_FORM = /^[\u3041-\u3096ー]+$/;
const KATAKANA_WORD = /[\u30A1-\u30FAー]{5,}/g;

/**
 * When the message names no carrier, network or device as written, its
 * katakana words of five letters or more one slip from a kana form
 * (「ソフトバング」, 「ワイモバイレ」) name it: length-aware edit distance
 * (`fuzzy.ts`), only when the exact lookup found nothing.
 */
function misspelt(text: string, lex: Lexicon): Span[] {
  const out: Span[] = [];
  KATAKANA_WORD.lastIndex = 0;
  for (let m = KATAKANA_WORD.exec(text); m; m = KATAKANA_WORD.exec(text)) {
    const form = lex.kana.correct(foldKana(m[0]));
    const named = form === undefined ? undefined : lex.values.get(form);
    if (named) out.push({ kind: named.kind, value: named.value, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Every mention of a carrier, network or device, left to right, in one scan.
 * At one position the longest form wins (「楽天モバイル」 over 「モバイル」,
 * "ntt docomo" over "docomo"), so a brand is never read as a network word.
 * Each kana of a form matches in either script (`eitherKana`), so
 * 「そふとばんく」 and 「ワイファイ」 are found however they are written.
 */
function spans(text: string, lex: Lexicon): Span[] {
  const out: Span[] = [];
  const re = lex.re;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const form = m[0];
    const named = lex.values.get(foldKana(form.includes(' ') ? form.replace(SPACE, '') : form))!;
    out.push({ kind: named.kind, value: named.value, start: m.index, end: m.index + form.length });
  }
  return out;
}

/** One regular expression for a list of patterns: any of them. */
const anyOf = (patterns: string[]) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'));

const blank = (text: string, s: { start: number; end: number }) => text.slice(0, s.start) + ' '.repeat(s.end - s.start) + text.slice(s.end);

/** Wi-Fi named as switched off (「Wi-Fiは切ってます」 "wifi off"): not the network the user is on. */
const WIFI_OFF =
  /^\s*(?:は|を|も)?\s*(?:切っ|切り|切れ|オフに|オフで|オフにし|off\b|無効|なし|使ってな|使っていな|つないでな|つないでいな|繋いでな|じゃな|ではな|is\s+off|turned\s+off|disabled)/;
const VERSION = /(?:(?<![a-z])(?:v|ver|version|バージョン|ば ?ーじょん)\.?\s*(\d{1,2}(?:\.\d{1,3}){1,3})|(?<![\d.])(\d{1,2}\.\d{1,3}\.\d{1,3})(?![\d.]))/;
const OS_VERSION = /(?:ios|android|os|アンドロイド)\s*$/;

/** What the extractor reads from one message: entities of spec §1 and slot facts of §2. */
export interface Extraction {
  entities: Entities;
  /** Slot values the wording states (「前はドコモ」 → switched: yes; 「最新です」 → app_version: latest). */
  facts: Partial<Slots>;
  /** The text with each entity replaced by one placeholder character, for the classifier's features. */
  masked: string;
  /** Slots for which the message names two different values as the user's (「家はWi-Fi、外は4G」): what it states is unsure. */
  mixed?: SlotName[];
}

/** The slots whose mentions disagree: a docomo line and another carrier, Wi-Fi and mobile data, iOS and Android. */
function mixedSlots(carriers: Carrier[], networks: Span[], oses: Span[]): SlotName[] {
  const out: SlotName[] = [];
  if (carriers.some((c) => DOCOMO_LINE.has(c) !== DOCOMO_LINE.has(carriers[0]!))) out.push('carrier');
  if (networks.some((s) => s.value !== networks[0]!.value)) out.push('network');
  if (oses.some((s) => s.value !== oses[0]!.value)) out.push('os');
  return out;
}

/** Placeholder characters that stand for an entity in `Extraction.masked`. */
export const PLACEHOLDER = {
  code: '\u{E010}',
  docomoLine: '\u{E011}',
  otherCarrier: '\u{E012}',
  pastDocomo: '\u{E013}',
  wifi: '\u{E014}',
  mobile: '\u{E015}',
  device: '\u{E016}',
  version: '\u{E017}',
  /** spモード: a mobile network, but one that users name when they ask about the Wi-Fi rule. */
  spMode: '\u{E018}',
  /** Wi-Fi named as switched off: not the user's network, but the Wi-Fi topic all the same. */
  wifiOff: '\u{E019}',
  /** A carrier named as a topic (「ドコモ以外」, "docomo customer center"), not as the user's line. */
  topic: '\u{E01A}',
  /** docomo named as never used (「ドコモは使ったことない」): no line, and no carrier change. */
  neverDocomo: '\u{E01B}',
} as const;

/**
 * Finds the spec's entities and the slot facts in a normalised message.
 * Built once from the synonym data; `extract` is then a handful of regex scans.
 */
export class EntityExtractor {
  private readonly ignore: RegExp;
  private readonly mentions: Lexicon;
  private readonly never: RegExp;
  private readonly past: RegExp;
  private readonly topic: RegExp;
  private readonly switchedNo: RegExp;
  private readonly switchedYes: RegExp;
  private readonly outdated: RegExp;
  private readonly latest: RegExp;

  constructor(data: EntityData = loadEntityData()) {
    this.ignore = new RegExp(data.ignore.patterns.join('|'), 'g');
    this.mentions = lexicon({ carrier: data.carrier, network: data.network, os: data.os });
    const withMark = (list: string[]) => anyOf(list.map((p) => p.replaceAll('{D}', MARK)));
    this.never = withMark(data.docomoPast.never);
    this.past = withMark(data.docomoPast.past);
    this.topic = anyOf(data.topic.patterns.map((p) => p.replaceAll('{C}', MARK)));
    this.switchedNo = anyOf(data.switched.no);
    this.switchedYes = anyOf(data.switched.yes);
    this.outdated = anyOf(data.appVersion.outdated);
    this.latest = anyOf(data.appVersion.latest);
  }

  /** Reads one message (already normalised). */
  extract(normalised: string): Extraction {
    const entities: Entities = {};
    const facts: Partial<Slots> = {};
    let text = normalised.replace(this.ignore, (m) => ' '.repeat(m.length));
    const masked = normalised.split(''); // UTF-16 units, the indices regex matches use
    const mask = (s: { start: number; end: number }, mark: string) => {
      masked[s.start] = mark;
      for (let i = s.start + 1; i < s.end; i++) masked[i] = '';
    };

    ERROR_CODE_SPAN.lastIndex = 0;
    for (let m = ERROR_CODE_SPAN.exec(text); m; m = ERROR_CODE_SPAN.exec(text)) {
      const code = codeOf(m);
      if (!code) continue;
      entities.error_code ??= code;
      mask({ start: m.index, end: m.index + m[0].length }, PLACEHOLDER.code);
    }

    const version = VERSION.exec(text);
    if (version && !OS_VERSION.test(text.slice(Math.max(0, version.index - 10), version.index))) {
      entities.app_version = version[1] ?? version[2];
      mask({ start: version.index, end: version.index + version[0].length }, PLACEHOLDER.version);
    }

    const current: Carrier[] = [];
    let mentions = spans(text, this.mentions);
    if (mentions.length === 0 && KATAKANA_WORD.test(text)) mentions = misspelt(text, this.mentions);
    const carrierSpans = mentions.filter((s) => s.kind === 'carrier');
    for (const s of carrierSpans) {
      const carrier = s.value as Carrier;
      const marked = text.slice(0, s.start) + MARK + text.slice(s.end);
      if (DOCOMO_LINE.has(carrier)) {
        if (this.never.test(marked)) {
          facts.switched = 'no';
          mask(s, PLACEHOLDER.neverDocomo);
          continue;
        }
        if (this.past.test(marked)) {
          facts.switched = 'yes';
          mask(s, PLACEHOLDER.pastDocomo);
          continue;
        }
      }
      if (this.topic.test(marked)) {
        mask(s, PLACEHOLDER.topic); // 「ドコモ以外でも作れる?」 "docomo customer center": named, not the user's line
        continue;
      }
      mask(s, DOCOMO_LINE.has(carrier) ? PLACEHOLDER.docomoLine : PLACEHOLDER.otherCarrier);
      current.push(carrier);
    }
    const carrier = CARRIER_PRIORITY.find((c) => current.includes(c));
    if (carrier) entities.carrier = carrier;
    for (const s of carrierSpans) text = blank(text, s);

    const wifiOff = (s: Span) => s.value === 'wifi' && WIFI_OFF.test(text.slice(s.end, s.end + 16));
    const networks = mentions.filter((s) => s.kind === 'network' && !wifiOff(s));
    for (const s of mentions) if (s.kind === 'network' && wifiOff(s)) mask(s, PLACEHOLDER.wifiOff);
    for (const s of networks) mask(s, s.value === 'wifi' ? PLACEHOLDER.wifi : /sp/.test(text.slice(s.start, s.end)) ? PLACEHOLDER.spMode : PLACEHOLDER.mobile);
    if (networks[0]) entities.network = networks[0].value as 'wifi' | 'mobile';
    const oses = mentions.filter((s) => s.kind === 'os');
    for (const s of oses) mask(s, PLACEHOLDER.device);
    if (oses[0]) entities.os = oses[0].value as 'ios' | 'android';

    if (!facts.switched) {
      if (this.switchedNo.test(text)) facts.switched = 'no';
      else if (this.switchedYes.test(text)) facts.switched = 'yes';
    }
    if (this.outdated.test(text)) facts.app_version = 'outdated';
    else if (this.latest.test(text)) facts.app_version = 'latest';

    if (entities.carrier) {
      facts.carrier = DOCOMO_LINE.has(entities.carrier) ? 'docomo' : 'other';
      facts.carrierRaw = entities.carrier;
    } else if (facts.switched === 'yes' && /docomo|ドコモ/.test(normalised)) {
      facts.carrier = 'other'; // 「ドコモから乗り換えた」: they left docomo, whatever the new line is
    }
    if (facts.carrier === 'docomo') delete facts.switched;
    if (entities.network) facts.network = entities.network;
    if (entities.os) facts.os = entities.os;
    if (entities.error_code) facts.error_code = entities.error_code;
    const out: Extraction = { entities, facts, masked: masked.join('') };
    if (current.length + networks.length + oses.length > 1) {
      const mixed = mixedSlots(current, networks, oses);
      if (mixed.length) out.mixed = mixed;
    }
    return out;
  }
}
