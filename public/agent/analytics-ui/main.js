/**
 * The analytics page: sign-in (shared with the console), the filters (range,
 * channel, language, kept in the address so a view can be shared), the
 * headline figures with their change, the charts and the CSV download.
 */
import { ApiError, getCsv, getLabels, getMe, getReport, queryOf } from './api.js';
import { storeToken, storedToken, takeTokenFromAddress } from '../js/session.js';
import { draw, setupCharts } from './charts.js';
import { CHARTS, misunderstoodNote } from './datasets.js';
import { byId, clear, h } from './dom.js';
import { addDays, count, duration, label } from './format.js';
import { headlines } from './headline.js';

const FIELDS = ['from', 'to', 'channel', 'lang'];
const state = { token: null, labels: null, report: null, labelsReady: Promise.resolve(), asked: 0 };

/** The filter the controls show. */
const paramsOfForm = () => Object.fromEntries(FIELDS.map((f) => [f, byId(`an-${f}`).value]));

/** The filter the address asks for (a shared view), before the controls are filled. */
function paramsOfAddress() {
  const given = new URLSearchParams(window.location.search);
  return Object.fromEntries(FIELDS.map((f) => [f, given.get(f) ?? '']));
}

/** Sets the status line: empty when all is well, an error in red. */
function status(text, isError = false) {
  const node = byId('an-status');
  node.textContent = text;
  node.classList.toggle('is-error', isError);
}

/** Fills a select with "all" and the entries of a label table. */
function fillSelect(select, table) {
  for (const [value, text] of Object.entries(table)) {
    const option = h('option', null, text);
    option.value = value;
    select.append(option);
  }
}

/** The headline cards: each figure, its change (coloured good or bad for the team) and the previous value. */
function renderHeadlines(report) {
  const list = byId('an-headlines');
  clear(list);
  for (const card of headlines(report, state.labels.analytics.metric)) {
    const item = h('li', `kpi tone-${card.tone}`);
    item.dataset.id = card.id;
    item.append(h('span', 'kpi-label', card.label), h('strong', 'kpi-value', card.value));
    const change = h('span', `kpi-change trend-${card.trend}`, card.change);
    change.title = `${label(state.labels.analytics.metric, 'previous')}: ${card.previous}`;
    item.append(change, h('span', 'kpi-prev', `${label(state.labels.analytics.metric, 'previous')} ${card.previous}`));
    list.append(item);
  }
}

/** The hand-off card: reasons and agents' median times. */
function renderHandoff(report) {
  const L = state.labels;
  const list = byId('an-handoff');
  clear(list);
  const row = (term, value) => list.append(h('dt', null, term), h('dd', null, value));
  const hand = report.handoff;
  row(
    label(L.analytics.metric, 'median_wait_s'),
    `${duration(hand.median_wait_s)}（${label(L.analytics.metric, 'median_wait_bh_s')} ${duration(hand.median_wait_bh_s)}）`,
  );
  row(label(L.analytics.metric, 'median_handle_s'), duration(hand.median_handle_s));
  for (const [reason, n] of Object.entries(hand.by_reason)) row(label(L.reason, reason), count(n));
}

/** Everything the page shows of a report: the period and filter in words, the cards, the charts, the notes. */
function render(report) {
  state.report = report;
  const L = state.labels;
  const channel = report.channel ? label(L.channel, report.channel) : 'すべてのチャネル';
  const lang = report.lang ? label(L.lang, report.lang) : 'すべての言語';
  byId('an-period').textContent =
    `${report.from} 〜 ${report.to}・${channel}・${lang}（${label(L.analytics.metric, 'previous')} ${report.previous.from} 〜 ${report.previous.to}）`;
  renderHeadlines(report);
  for (const [id, build] of Object.entries(CHARTS)) draw(byId(id), build(report, L));
  byId('an-misunderstood').textContent = misunderstoodNote(report, L);
  renderHandoff(report);
}

/** What went wrong, in words for the agent; a refused token signs out. */
function failed(err) {
  if (err instanceof ApiError && err.status === 401) return signOut('トークンが無効です。もう一度サインインしてください。');
  if (err instanceof ApiError && err.status === 400) return status(`条件を確認してください: ${err.message}`, true);
  status(err instanceof ApiError ? err.message : `エラーが発生しました: ${String(err?.message ?? err)}`, true);
}

/** Keeps the controls' filter in the address, so a view can be shared or reloaded. */
function remember(params) {
  const query = queryOf(params);
  window.history.replaceState(null, '', window.location.pathname + (query ? `?${query}` : ''));
}

/** Shows a report: the range it settled on (defaults filled in), its figures and charts. */
function show(report) {
  byId('an-from').value = report.from;
  byId('an-to').value = report.to;
  render(report);
  status('');
}

/** Loads the report of the controls' filter; when the filter changed again meanwhile, only the last answer is shown. */
async function load() {
  const params = paramsOfForm();
  const asked = ++state.asked;
  remember(params);
  status('読み込み中…');
  try {
    const report = await getReport(params, state.token);
    if (asked === state.asked) show(report);
  } catch (err) {
    if (asked === state.asked) failed(err);
  }
}

/** Downloads the CSV of the controls' filter (fetched with the token, then saved from memory: a plain link cannot carry it). */
async function downloadCsv() {
  try {
    const { blob, name } = await getCsv(paramsOfForm(), state.token);
    const link = h('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (err) {
    failed(err);
  }
}

/** The sign-in form, with what went wrong when there is something to say. */
function showLogin(message) {
  byId('an-app').hidden = true;
  byId('an-user').hidden = true;
  byId('an-signout').hidden = true;
  byId('an-login').hidden = false;
  const error = byId('an-signin-error');
  error.textContent = message ?? '';
  error.hidden = !message;
  byId('an-token').focus();
}

/** Forgets the token (for the console of this tab too) and asks for one. */
function signOut(message) {
  storeToken(null);
  state.token = null;
  showLogin(message);
}

/** Signs in with a token: who it is and the first report are asked at once; a refused token shows the sign-in form. */
async function signIn(token, params = paramsOfForm()) {
  remember(params);
  status('読み込み中…');
  try {
    const [me, report] = await Promise.all([getMe(token), getReport(params, token), state.labelsReady]);
    state.token = token;
    storeToken(token);
    byId('an-agent-name').textContent = me.name;
    byId('an-user').hidden = false;
    byId('an-signout').hidden = false;
    byId('an-login').hidden = true;
    byId('an-app').hidden = false;
    show(report);
  } catch (err) {
    status('');
    if (err instanceof ApiError && err.status === 401) signOut('トークンが正しくありません。');
    else if (err instanceof ApiError && err.status === 400) {
      state.token = token;
      byId('an-app').hidden = false;
      failed(err);
    } else showLogin(err instanceof ApiError ? err.message : 'サインインできませんでした。');
  }
}

/** Connects the controls, the sign-in form and the sign-out button. */
function wire() {
  byId('an-filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void load();
  });
  for (const id of ['an-channel', 'an-lang']) byId(id).addEventListener('change', () => void load());
  for (const button of document.querySelectorAll('.preset')) {
    button.addEventListener('click', () => {
      const to = byId('an-to').value || state.report?.to;
      if (!to) return;
      byId('an-to').value = to;
      byId('an-from').value = addDays(to, 1 - Number(button.dataset.days));
      void load();
    });
  }
  byId('an-csv').addEventListener('click', () => void downloadCsv());
  byId('an-signout').addEventListener('click', () => signOut(null));
  byId('an-signin-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = byId('an-token').value.trim();
    byId('an-token').value = '';
    if (token) void signIn(token);
  });
}

/** Fills the controls from the labels and the address (a shared view). */
function fillControls(labels) {
  state.labels = labels;
  fillSelect(byId('an-channel'), labels.channel);
  fillSelect(byId('an-lang'), labels.lang);
  for (const [f, v] of Object.entries(paramsOfAddress())) if (v) byId(`an-${f}`).value = v;
}

/** Starts the page: the labels, who the token is and the first report are fetched side by side. */
async function init() {
  const token = takeTokenFromAddress() ?? storedToken();
  wire();
  try {
    setupCharts();
  } catch (err) {
    return failed(err);
  }
  state.labelsReady = getLabels().then(fillControls);
  if (token) return signIn(token, paramsOfAddress());
  await state.labelsReady.catch(failed);
  showLogin(null);
}

void init();
