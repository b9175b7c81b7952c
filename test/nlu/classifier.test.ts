import { describe, expect, it } from 'vitest';
import { Nlu } from '../../src/nlu/index.js';
import { IntentClassifier, selectFeatures } from '../../src/nlu/classifier.js';
import { loadTrainingData } from '../../src/nlu/training.js';
import { featureBag, features, gramKey } from '../../src/nlu/features.js';
import { normalise } from '../../src/nlu/normalise.js';
import { isLoginIntent } from '../../src/core/types.js';

const nlu = new Nlu();

/** One message's scores both ways: ours in log space, natural's as probabilities (which underflow to 0 on a long message). */
function bothWays(text: string) {
  const feats = nlu.featuresOf(text);
  const { labels, scores } = nlu.classifier.logScores(feats);
  const ours = labels.map((label, i) => ({ label, log: scores[i]! }));
  return { ours, natural: nlu.classifier.natural.getClassifications(feats) };
}

/** The smallest double at full precision: below it a probability has underflowed (to 0, or to a denormal that lost digits). */
const NORMAL = 2 ** -1022;
/** natural's probabilities that did not underflow. */
const told = (natural: { label: string; value: number }[]) => natural.filter((n) => n.value >= NORMAL);

/**
 * Where our scores and natural's differ: the best label, and for every pair of
 * labels whose probability natural still holds at full precision, a log-score
 * difference that is not the log of natural's ratio (to 6 places). Empty when
 * they agree.
 */
function disagreements(ours: { label: string; log: number }[], natural: { label: string; value: number }[]): string[] {
  const out: string[] = [];
  const kept = told(natural);
  const best = ours.reduce((a, b) => (b.log > a.log ? b : a));
  if (kept.length > 0 && best.label !== kept[0]!.label) out.push(`best: ours ${best.label}, natural ${kept[0]!.label}`);
  const log = new Map(ours.map((o) => [o.label, o.log]));
  for (const a of kept) {
    for (const b of kept) {
      const mine = log.get(a.label)! - log.get(b.label)!;
      const theirs = Math.log(a.value) - Math.log(b.value);
      if (!(Math.abs(mine - theirs) < 1e-6)) out.push(`${a.label}/${b.label}: ours ${mine}, natural ${theirs}`);
    }
  }
  return out;
}

/** One long report: natural's probabilities underflow on most labels after six sentences, on every label after seven. */
const REPORT = [
  'ドコモからauに乗り換えたらd払いにログインできなくなってしまいました。',
  'アプリを開くとエラーコードが表示されて先に進めません。',
  '家のWi-Fiでもモバイルデータ通信でも同じで、再起動しても直りません。',
  'パスワードは合っているはずなのに、何度やっても弾かれてしまいます。',
  '昨日までは普通に買い物で使えていたので困っています。',
  'どうすればまた支払いに使えるようになるのか教えてください。',
  'コンビニのレジで画面を見せたら店員さんにも分からないと言われました。',
];

describe('sparse scoring', () => {
  const sample = [
    'd払いにログインできない',
    'auに乗り換えてから入れない',
    '家のWiFiだとエラー',
    'アプリが古いのかも',
    'さっきまで使えてたのに',
    'KP23002が出る',
    'パスワードを忘れた',
    'hello there',
    'thanks a lot',
    'I switched to povo and cannot sign in',
    'nothing the model knows: zzqx',
  ];
  it.each(sample)('agrees with natural getClassifications on %j, every label compared', (text) => {
    const { ours, natural } = bothWays(text);
    expect(told(natural)).toHaveLength(ours.length); // a short message: nothing underflowed
    expect(disagreements(ours, natural)).toEqual([]);
  });

  it('agrees on the labels natural still tells apart when the others underflowed', () => {
    const { ours, natural } = bothWays(REPORT.slice(0, 6).join(''));
    const kept = told(natural).length;
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeLessThan(ours.length);
    expect(disagreements(ours, natural)).toEqual([]);
  });

  it('finds the disagreement when a score is off (the comparison above runs on every pair)', () => {
    const { ours, natural } = bothWays('auに乗り換えてから入れない');
    const off = ours.map((o, i) => (i === 0 ? { ...o, log: o.log + 0.01 } : o));
    expect(disagreements(off, natural)).toHaveLength(2 * (ours.length - 1)); // the pairs with the first label, both ways
  });

  it('still ranks a message on which natural underflows to 0 on every label', () => {
    const text = REPORT.join('');
    const { ours, natural } = bothWays(text);
    expect(natural.map((n) => n.value)).toEqual(natural.map(() => 0));
    expect(ours.every((o) => Number.isFinite(o.log))).toBe(true);
    const c = nlu.classifier.classify(nlu.featuresOf(text));
    expect(c.intent).toBe(ours.reduce((a, b) => (b.log > a.log ? b : a)).label);
    expect(isLoginIntent(c.intent)).toBe(true);
    expect(c.confidence).toBeGreaterThan(0.45);
  });
});

describe('classification', () => {
  it.each([
    ['login_failed', ['d払いがどうしてもログインできないです', 'I just cannot log into d barai at all']],
    ['carrier_switched', ['ドコモをやめてソフトバンクにしたらd払いに入れない', 'I ported my number to au and now d barai rejects my login']],
    ['wifi_login', ['自宅のWi-Fiにつないでいるとd払いにログインできない', 'login fails only when I am on wifi']],
    ['app_outdated', ['d払いアプリを最新版にアップデートする方法', 'how do I update the d barai app']],
    ['temporary_error', ['d払い、今障害が起きていますか', 'is d barai down for maintenance right now?']],
    ['error_code', ['ログインしたらFES1003と表示されました', 'what does error KP23002 mean']],
    ['create_account', ['dアカウントを新規で発行したい', 'how can I create a new d account']],
    ['contact_support', ['インフォメーションセンターの電話番号は？', 'what number can I call for support']],
    ['human_agent', ['人間のオペレーターにつないでください', 'let me speak with a real person']],
    ['password_forgotten', ['dアカウントのパスワードを忘れてしまいました', 'I forgot my password']],
    ['dcard_benefits', ['dカードでd払いするとポイントが貯まる？', 'do I earn more points with a d card']],
    ['greeting', ['こんばんは', 'hi there']],
    ['thanks', ['本当にありがとうございます', 'thanks so much']],
    ['goodbye', ['それではまた', 'bye for now']],
    ['affirm', ['はい、そうです', 'yes please']],
    ['deny', ['いいえ、違います', 'no, not really']],
    ['out_of_scope', ['明日の天気を教えて', 'who won the football match']],
  ])('%s', (intent, texts) => {
    for (const text of texts) expect(nlu.understand(text).intent, text).toBe(intent);
  });

  it('gives a normalised probability as confidence', () => {
    const c = nlu.classifier.classify(nlu.featuresOf('auに乗り換えたらログインできない'));
    expect(c.ranking.reduce((s, r) => s + r.p, 0)).toBeCloseTo(1, 9);
    expect(c.confidence).toBe(c.ranking[0]!.p);
    expect(c.ranking[0]!.intent).toBe(c.intent);
    expect(c.intent).toBe('carrier_switched');
    expect(c.ranking.every((r, i) => i === 0 || r.p <= c.ranking[i - 1]!.p)).toBe(true); // best first
    expect(c.confidence).toBeGreaterThan(0.5);
  });

  it('says out_of_scope below the threshold and keeps its guess', () => {
    const text = '電話したい';
    const usual = nlu.understand(text);
    expect(usual).toMatchObject({ intent: 'contact_support', guess: 'contact_support' });
    expect(usual.confidence).toBeLessThan(0.999);
    const strict = new Nlu({ threshold: 0.999 }).understand(text);
    expect(strict).toMatchObject({ intent: 'out_of_scope', guess: 'contact_support', confidence: usual.confidence });
  });

  it('has confidence 0 when no feature is known', () => {
    expect(nlu.classifier.classify(['c:never-seen', 'e:zzqx']).confidence).toBe(0);
  });

  it('calls a message with nothing it recognises out_of_scope', () => {
    expect(nlu.understand('зззз').intent).toBe('out_of_scope');
    expect(nlu.understand('qwzx vbnm').intent).toBe('out_of_scope');
  });

  it('keeps lookup features through feature selection', () => {
    const examples = loadTrainingData().map((e) => ({ features: nlu.featuresOf(e.text), intent: e.intent }));
    const kept = selectFeatures(examples, 1000, 0);
    expect([...kept].every((f) => f.startsWith('L:'))).toBe(true);
    expect(kept.size).toBeGreaterThan(0);
    const small = new IntentClassifier(examples, { minCount: 3, minChi2: 1 });
    expect(small.classify(nlu.featuresOf('ログインできない')).ranking.length).toBeGreaterThan(1);
  });
});

describe('n-grams as numbers', () => {
  it('gives every one-to-three-character gram its own key', () => {
    const keys = ['あ', 'あい', 'いあ', 'あいう', 'ab', 'a', '\u{E010}い'].map(gramKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.max(...keys)).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('classifies a feature bag with folded cue weights exactly as the same features as strings, on every training example', () => {
    for (const { text } of loadTrainingData()) {
      const masked = nlu.extractor.extract(normalise(text)).masked;
      const a = nlu.classifier.classify(features(masked).concat(nlu.lookups!.features(masked)));
      const b = nlu.classifier.classifyBag(featureBag(masked), nlu.lookups!.baseFeatures(masked));
      expect([b.intent, b.known]).toEqual([a.intent, a.known]);
      expect(b.confidence).toBeCloseTo(a.confidence, 12);
    }
  });
});

describe('a model moved between threads', () => {
  it('loads from another classifier’s model, after a structured clone, and understands every training example alike', () => {
    const model = nlu.classifier.model();
    const copy = structuredClone(model, { transfer: [model.rows.buffer, model.prior.buffer] });
    const loaded = new Nlu({ model: copy });
    expect(model.rows.byteLength).toBe(0); // transferred, not copied
    for (const { text } of loadTrainingData()) {
      const [a, b] = [nlu.understand(text), loaded.understand(text)];
      expect([b.intent, b.guess, b.confidence]).toEqual([a.intent, a.guess, a.confidence]);
    }
    expect(() => loaded.classifier.natural).toThrow(/no natural classifier/);
  });
});
