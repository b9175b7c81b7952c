/**
 * NLU throughput: our `Nlu.understand` (the whole pipeline) against nlp.js,
 * the peer of `../shared/tools/peer-nlu.mjs`, trained on the same examples
 * (what `npm run -s export-training` prints) and run on the same messages.
 */
import { createRequire } from 'node:module';
import { Nlu } from '../src/nlu/index.js';
import type { TrainingExample } from '../src/nlu/training.js';
import { seeded } from '../test/helpers/random.js';

export interface NluSide {
  trainMs: number;
  perSecond: number;
  classified: number;
  seconds: number;
}

export interface NluBench {
  messages: number;
  examples: number;
  ours: NluSide;
  peer: NluSide;
  /** Share of messages on which the two agree on the intent (a sanity check, not a score). */
  agreement: number;
  /** Our trained pipeline, for the dialog bench. */
  nlu: Nlu;
}

const JA_BEFORE = ['すみません、', 'あの、', 'ちょっと質問です。', '急ぎです！', 'こんばんは。'];
const JA_AFTER = ['。', '！', '？', '…', ' 😢', 'んですが', 'けど、どうしたらいいですか', 'ｗ'];
const EN_BEFORE = ['hi, ', 'please help: ', 'hey ', 'um, ', 'Hello! '];
const EN_AFTER = ['?', '!', ' please', ' :(', ' again', '...', ' asap', ' 🙏'];

/** Full-width ASCII (what a Japanese keyboard often types). */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * About `count` messages made from the training examples by perturbing them:
 * fillers before and after, full-width letters, case, a dropped or swapped
 * word, a typo, two examples run together.
 */
export function perturbedMessages(examples: readonly TrainingExample[], count: number, seed = 20240601): string[] {
  const r = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ops: ((s: string, lang: 'ja' | 'en') => string)[] = [
    (s, lang) => pick(lang === 'ja' ? JA_BEFORE : EN_BEFORE) + s,
    (s, lang) => s + pick(lang === 'ja' ? JA_AFTER : EN_AFTER),
    (s) => fullWidth(s),
    (s, lang) => (lang === 'en' ? (r() < 0.5 ? s.toUpperCase() : s.toLowerCase()) : s.replace(/[ぁ-ゖ]/, '')),
    (s) => {
      const words = s.split(' ');
      if (words.length < 3) return s + ' ' + s.slice(0, Math.ceil(s.length / 3));
      words.splice(Math.floor(r() * words.length), 1);
      return words.join(' ');
    },
    (s) => {
      const words = s.split(' ');
      if (words.length < 2) return s;
      const i = Math.floor(r() * (words.length - 1));
      [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
      return words.join(' ');
    },
    (s) => {
      if (s.length < 4) return s;
      const i = 1 + Math.floor(r() * (s.length - 2));
      return r() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + s[i] + s.slice(i);
    },
    (s, lang) => {
      const other = pick(examples.filter((e) => e.lang === lang).slice(0, 400));
      return s + (lang === 'ja' ? '。' : '. ') + other.text;
    },
  ];
  const out: string[] = [];
  while (out.length < count) {
    const e = pick(examples);
    let text = e.text;
    const n = Math.floor(r() * 3); // 0, 1 or 2 changes
    for (let i = 0; i < n; i++) text = pick(ops)(text, e.lang);
    out.push(text.trim() || e.text);
  }
  return out;
}

/** Runs `fn` over the messages until at least `minMs` have passed; returns classifications per second. */
async function rate(
  messages: readonly string[],
  minMs: number,
  fn: (text: string) => unknown,
): Promise<{ perSecond: number; classified: number; seconds: number }> {
  let classified = 0;
  const started = performance.now();
  let elapsed: number;
  do {
    for (const m of messages) {
      const r = fn(m);
      if (r instanceof Promise) await r;
    }
    classified += messages.length;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return { perSecond: (classified * 1000) / elapsed, classified, seconds: elapsed / 1000 };
}

/** Same as `rate` for a synchronous function (no promise check in the loop). */
function rateSync(messages: readonly string[], minMs: number, fn: (text: string) => unknown): { perSecond: number; classified: number; seconds: number } {
  let classified = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed: number;
  do {
    for (const m of messages) if (fn(m)) sink++;
    classified += messages.length;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  if (sink < 0) throw new Error('unreachable');
  return { perSecond: (classified * 1000) / elapsed, classified, seconds: elapsed / 1000 };
}

interface PeerNlp {
  addLanguage(lang: string): void;
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(lang: string, text: string): Promise<{ intent: string; score: number }>;
  settings: Record<string, unknown>;
}

interface PeerModules {
  containerBootstrap(this: void): Promise<{ use(x: unknown): void; get(name: string): PeerNlp }>;
  Nlp: unknown;
  LangJa: unknown;
  LangEn: unknown;
}

/** Loads nlp.js (a devDependency, loaded only here so that it never reaches the bot's runtime). */
function loadPeer(): PeerModules {
  const require = createRequire(import.meta.url);
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap(this: void): Promise<{ use(x: unknown): void; get(name: string): PeerNlp }> };
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
  const { LangJa } = require('@nlpjs/lang-ja') as { LangJa: unknown };
  const { LangEn } = require('@nlpjs/lang-en-min') as { LangEn: unknown };
  return { containerBootstrap, Nlp, LangJa, LangEn };
}

/** nlp.js set up exactly as `peer-nlu.mjs` does (languages ja and en, language picked by script). */
async function trainPeer({ containerBootstrap, Nlp, LangJa, LangEn }: PeerModules, examples: readonly TrainingExample[]): Promise<PeerNlp> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangJa);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage('ja');
  nlp.addLanguage('en');
  for (const e of examples) nlp.addDocument(e.lang, e.text, e.intent);
  const { log, warn } = console;
  // nlp.js prints every training epoch (stdout is the table's) and warns about stop-word-only examples.
  console.log = () => {};
  console.warn = () => {};
  try {
    await nlp.train();
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return nlp;
}

const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
const langOf = (text: string) => (japanese.test(text) ? 'ja' : 'en');

export async function benchNlu(examples: readonly TrainingExample[], progress: (s: string) => void, rounds = 5, sliceMs = 500): Promise<NluBench> {
  const messages = perturbedMessages(examples, 2000);

  progress(`NLU: training ours on ${examples.length} examples`);
  let t = performance.now();
  const nlu = new Nlu({ examples: [...examples] });
  const oursTrainMs = performance.now() - t;
  progress('NLU: training nlp.js on the same examples');
  const modules = loadPeer();
  t = performance.now();
  const peer = await trainPeer(modules, examples);
  const peerTrainMs = performance.now() - t;

  // Warm both up, then time them in alternating slices so that anything else
  // slowing the machine for a moment slows both alike.
  progress(`NLU: warm-up, then ${rounds} alternating rounds of ${sliceMs} ms each on ${messages.length} messages`);
  const oursIntents = messages.map((m) => nlu.understand(m).intent);
  const peerIntents: string[] = [];
  for (const m of messages) {
    const r = await peer.process(langOf(m), m);
    peerIntents.push(r.intent === 'None' ? 'out_of_scope' : r.intent);
  }
  rateSync(messages, 300, (m) => nlu.understand(m));
  await rate(messages, 300, (m) => peer.process(langOf(m), m));
  const ours = { classified: 0, seconds: 0, perSecond: 0 };
  const peerRate = { classified: 0, seconds: 0, perSecond: 0 };
  for (let i = 0; i < rounds; i++) {
    const a = rateSync(messages, sliceMs, (m) => nlu.understand(m));
    const b = await rate(messages, sliceMs, (m) => peer.process(langOf(m), m));
    ours.classified += a.classified;
    ours.seconds += a.seconds;
    peerRate.classified += b.classified;
    peerRate.seconds += b.seconds;
  }
  ours.perSecond = ours.classified / ours.seconds;
  peerRate.perSecond = peerRate.classified / peerRate.seconds;

  const agree = oursIntents.filter((x, i) => x === peerIntents[i]).length;
  return {
    messages: messages.length,
    examples: examples.length,
    ours: { trainMs: oursTrainMs, ...ours },
    peer: { trainMs: peerTrainMs, ...peerRate },
    agreement: agree / messages.length,
    nlu,
  };
}
