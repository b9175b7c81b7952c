/**
 * The analytics page's pure parts, fed the API's own report of a known period
 * (the store and the report code the server runs): the charts' datasets, the
 * headline figures and their change against the period before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAgentLabels } from '../../../src/agent/labels.js';
import { readReport } from '../../../src/analytics/read.js';
import { INTENTS, REMEDIES } from '../../../src/core/types.js';
import { FUNNEL_QUESTIONS } from '../../../src/analytics/report.js';
import { dayIn } from '../../../src/handoff/hours.js';
import { SqliteStore } from '../../../src/store/sqlite.js';
import { SEED } from '../../helpers/analytics-fixture.js';
import { change, headlines, tone } from '../../../public/agent/analytics-ui/headline.js';
import {
  CHARTS,
  funnelChart,
  misunderstoodNote,
  questionLabel,
  remediesChart,
  volumeChart,
  intentsChart,
  csatDistributionChart,
} from '../../../public/agent/analytics-ui/datasets.js';
import { duration, percent, shortDay } from '../../../public/agent/analytics-ui/format.js';

const L = loadAgentLabels();
/** The report as the page receives it (JSON over the wire). */
let report: any;

beforeAll(async () => {
  const store = new SqliteStore({ file: ':memory:', dayOf: dayIn('Asia/Tokyo') });
  await store.tx((r) => r.events.add(SEED));
  report = JSON.parse(JSON.stringify(await readReport(store.events, { from: '2026-11-10', to: '2026-11-11' })));
  await store.close();
});

describe('headline figures', () => {
  it('shows each figure with its change against the period before, in the right unit', () => {
    const cards = Object.fromEntries(headlines(report, L.analytics.metric).map((c: { id: string }) => [c.id, c]));
    // 5 conversations against 1: +400 %; containment 40 % against 0 %: +40 points, good news.
    expect(cards.conversations).toMatchObject({ label: '会話数', value: '5', previous: '1', change: '+400.0%', trend: 'up', tone: 'neutral' });
    expect(cards.containment_rate).toMatchObject({ label: '自己解決率', value: '40.0%', previous: '0.0%', change: '+40.0pt', tone: 'good' });
    // Hand-offs 2 against 1: more hand-offs is bad news.
    expect(cards.handed_off).toMatchObject({ value: '2', change: '+100.0%', tone: 'bad' });
    // No rating nor ticket wait in the period before: no change can be said.
    expect(cards.csat_average).toMatchObject({ value: '3.67', previous: '—', change: '—', trend: 'flat', tone: 'neutral' });
    expect(cards.median_wait_s).toMatchObject({ value: '6分', change: '—' });
  });

  it('measures counts in percent, rates in points, scores in points of 5, and says nothing for a rise from zero', () => {
    expect(change(110, 100, 'count')).toEqual({ delta: 10, text: '+10.0%' });
    expect(change(90, 120, 'seconds')).toEqual({ delta: -25, text: '−25.0%' });
    expect(change(0.452, 0.484, 'rate')).toEqual({ delta: -3.2, text: '−3.2pt' });
    expect(change(4.1, 3.85, 'score')).toEqual({ delta: 0.25, text: '+0.25' });
    expect(change(3, 0, 'count')).toBeNull();
    expect(change(0, 0, 'count')).toEqual({ delta: 0, text: '±0%' });
    expect(change(null, 0.5, 'rate')).toBeNull();
    expect([tone(5, 'up'), tone(5, 'down'), tone(-5, 'down'), tone(0, 'up'), tone(5, null)]).toEqual(['good', 'bad', 'good', 'neutral', 'neutral']);
  });
});

describe('chart datasets', () => {
  it('draws every day, conversations as bars and containment as a percentage line', () => {
    const c = volumeChart(report, L);
    expect(c.data.labels).toEqual(['11/10(火)', '11/11(水)']);
    expect(c.data.datasets.map((d: { label: string; data: unknown[] }) => [d.label, d.data])).toEqual([
      ['会話数', [4, 1]],
      ['自己解決率', [25, 100]],
    ]);
  });

  it('names remedies, questions and intents in Japanese, from the agents’ labels', () => {
    const remedies = remediesChart(report, L);
    expect(remedies.data.labels).toEqual(['dアカウント再発行', 'Wi-Fiオフ', 'アプリ・OSの更新', '時間をおいて再試行', 'インフォメーションセンター案内']);
    expect(remedies.data.datasets.map((d: { data: number[] }) => d.data)).toEqual([
      [0, 1, 1, 1, 0],
      [0, 1, 1, 0, 0],
    ]);
    const funnel = funnelChart(report, L);
    expect(funnel.data.labels).toEqual(['回線', '乗り換え', '接続', 'アプリ・OS', '解決したか', '担当者の提案']);
    expect(funnel.data.datasets.map((d: { label: string; data: number[] }) => [d.label, d.data[0]])).toEqual([
      ['質問した', 2],
      ['回答あり', 2],
      ['ここで離脱', 0],
    ]);
    const intents = intentsChart(report, L);
    expect(intents.data.labels[0]).toBe('ログインできない');
    // Conversations by their first intent: A and D came about a failed login; D's later out_of_scope message is not one.
    expect(intents.data.datasets.map((d: { label: string; data: number[] }) => [d.label, d.data[0], d.data.length])).toEqual([['会話数', 2, 4]]);
  });

  it('stacks the satisfaction scores of the bot and of agents', () => {
    const c = csatDistributionChart(report, L);
    expect(c.data.labels).toEqual(['1点', '2点', '3点', '4点', '5点']);
    expect(c.data.datasets.map((d: { label: string; data: number[] }) => [d.label, d.data])).toEqual([
      ['ボット', [0, 1, 0, 0, 1]],
      ['担当者', [0, 0, 0, 1, 0]],
    ]);
  });

  it('says what the bot failed to understand in words', () => {
    expect(misunderstoodNote(report, L)).toBe('理解できなかった割合 28.6%（対象外の話題 1・回答を読み取れず 1）');
  });

  it('builds every chart of the page from the report, with labels for every intent, remedy and question the bot knows', () => {
    for (const [id, build] of Object.entries(CHARTS)) expect(build(report, L).data.datasets.length, id).toBeGreaterThan(0);
    expect(INTENTS.filter((i) => !(i in L.analytics.intent))).toEqual([]);
    expect(REMEDIES.filter((r) => !(r in L.remedy))).toEqual([]);
    expect(FUNNEL_QUESTIONS.filter((q) => questionLabel(L, q) === q)).toEqual([]);
  });
});

describe('formats', () => {
  it('reads durations, rates and days as a Japanese support team says them', () => {
    expect([duration(45), duration(252), duration(3900), duration(null)]).toEqual(['45秒', '4分12秒', '1時間5分', '—']);
    expect([percent(0.4231), percent(null)]).toEqual(['42.3%', '—']);
    expect(shortDay('2026-11-15')).toBe('11/15(日)');
  });
});
