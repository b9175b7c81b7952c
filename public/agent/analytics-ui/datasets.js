/**
 * The analytics report turned into Chart.js configurations (pure: report JSON
 * and labels in, `{type, data, options}` out, no DOM), one function a chart.
 * Rates are drawn as percentages; a day without data is a gap, not a zero.
 */
import { label, percent, shortDay } from './format.js';

/** One colour per meaning, the same in every chart (d払い red for volume). */
export const COLOURS = {
  conversations: '#cc0033',
  rate: '#1f5fbf',
  resolved_by_bot: '#1b8a5a',
  handed_off: '#f2a900',
  abandoned: '#9aa5ad',
  given: '#b0bec5',
  worked: '#1b8a5a',
  bot: '#cc0033',
  agent: '#1f5fbf',
  reached: '#b0bec5',
  answered: '#1f5fbf',
  left: '#e0605e',
  intent: '#6d4c9f',
};

const SCORES = ['1', '2', '3', '4', '5'];
/** How many intents the chart shows: the rest are too rare to read. */
export const TOP_INTENTS = 10;

/** A fraction as a percentage number for an axis (42.3), or null for a gap. */
const asPercent = (x) => (x === null ? null : Math.round(x * 1000) / 10);
const bar = (id, name, data, extra = {}) => ({ type: 'bar', label: name, data, backgroundColor: COLOURS[id], borderColor: COLOURS[id], ...extra });
const percentAxis = { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } };
const countAxis = { beginAtZero: true, ticks: { precision: 0 } };
/** A metric's Japanese name. */
const metric = (L, id) => label(L.analytics.metric, id);
/** A dialog question's name: the slots' names, and the analytics table for the questions that are not slots. */
export const questionLabel = (L, q) => label(L.analytics.question, label(L.slot, q));

/** Episodes per day (bars) and the containment rate (line, right axis). */
export function volumeChart(r, L) {
  return {
    type: 'bar',
    data: {
      labels: r.by_day.map((d) => shortDay(d.day)),
      datasets: [
        bar(
          'conversations',
          metric(L, 'conversations'),
          r.by_day.map((d) => d.conversations),
          { yAxisID: 'y', order: 2 },
        ),
        {
          type: 'line',
          label: metric(L, 'containment_rate'),
          data: r.by_day.map((d) => asPercent(d.containment_rate)),
          borderColor: COLOURS.rate,
          backgroundColor: COLOURS.rate,
          yAxisID: 'rate',
          spanGaps: true,
          tension: 0.25,
          order: 1,
        },
      ],
    },
    options: { scales: { y: countAxis, rate: { ...percentAxis, position: 'right', grid: { drawOnChartArea: false } } } },
  };
}

/** How episodes ended each day: by the bot, with a person, or left open (stacked). */
export function outcomesChart(r, L) {
  const ids = ['resolved_by_bot', 'handed_off', 'abandoned'];
  return {
    type: 'bar',
    data: {
      labels: r.by_day.map((d) => shortDay(d.day)),
      datasets: ids.map((id) =>
        bar(
          id,
          metric(L, id),
          r.by_day.map((d) => d[id]),
        ),
      ),
    },
    options: { scales: { x: { stacked: true }, y: { ...countAxis, stacked: true } } },
  };
}

/** Each remedy: how often the bot gave it, and how often it solved the problem. */
export function remediesChart(r, L) {
  const ids = Object.keys(r.remedies);
  return {
    type: 'bar',
    data: {
      labels: ids.map((id) => label(L.remedy, id)),
      datasets: ['given', 'worked'].map((k) =>
        bar(
          k,
          metric(L, k),
          ids.map((id) => r.remedies[id][k]),
        ),
      ),
    },
    options: { indexAxis: 'y', scales: { x: countAxis } },
  };
}

/** How many ratings gave each score, about the bot and about agents (stacked). */
export function csatDistributionChart(r, L) {
  return {
    type: 'bar',
    data: {
      labels: SCORES.map((s) => label(L.analytics.metric, 'score').replace('{score}', s)),
      datasets: ['bot', 'agent'].map((who) =>
        bar(
          who,
          metric(L, who),
          SCORES.map((s) => r.csat[who].distribution[s]),
        ),
      ),
    },
    options: { scales: { x: { stacked: true }, y: { ...countAxis, stacked: true } } },
  };
}

/** The mean rating day by day (gaps on days without a rating). */
export function csatTrendChart(r, L) {
  return {
    type: 'line',
    data: {
      labels: r.by_day.map((d) => shortDay(d.day)),
      datasets: [
        {
          label: metric(L, 'csat_average'),
          data: r.by_day.map((d) => d.csat_average),
          borderColor: COLOURS.bot,
          backgroundColor: COLOURS.bot,
          spanGaps: true,
          tension: 0.25,
        },
      ],
    },
    options: { scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } } } },
  };
}

/** What users came about: episodes by their first intent, most frequent first. */
export function intentsChart(r, L) {
  const top = Object.entries(r.intents)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_INTENTS);
  return {
    type: 'bar',
    data: {
      labels: top.map(([id]) => label(L.analytics.intent, id)),
      datasets: [
        bar(
          'intent',
          metric(L, 'conversations'),
          top.map(([, n]) => n),
        ),
      ],
    },
    options: { indexAxis: 'y', scales: { x: countAxis }, plugins: { legend: { display: false } } },
  };
}

/** The dialog funnel: per question, the episodes that reached it, answered it, and left with it open. */
export function funnelChart(r, L) {
  return {
    type: 'bar',
    data: {
      labels: r.funnel.map((s) => questionLabel(L, s.question)),
      datasets: ['reached', 'answered', 'left'].map((k) =>
        bar(
          k,
          metric(L, k),
          r.funnel.map((s) => s[k]),
        ),
      ),
    },
    options: { indexAxis: 'y', scales: { x: countAxis } },
  };
}

/** What the bot failed to understand, in words: the rate and its kinds. */
export function misunderstoodNote(r, L) {
  const kinds = Object.entries(r.misunderstood_kinds).map(([k, n]) => `${label(L.analytics.misunderstood, k)} ${n}`);
  return `${metric(L, 'misunderstood_rate')} ${percent(r.misunderstood_rate)}（${kinds.join('・')}）`;
}

/** Every chart of the page by its canvas id. */
export const CHARTS = {
  'chart-volume': volumeChart,
  'chart-outcomes': outcomesChart,
  'chart-remedies': remediesChart,
  'chart-csat-distribution': csatDistributionChart,
  'chart-csat-trend': csatTrendChart,
  'chart-intents': intentsChart,
  'chart-funnel': funnelChart,
};
