// The review inbox's state and its pure transitions: the lists by status, the intent picked for each item, where training stands and the run under way.

/**
 * @typedef {'new' | 'labelled' | 'ignored' | 'applied'} Status
 * @typedef {{ kind: 'apply' | 'rollback', since: number, version: number | null }} Run the agent's own apply or rollback, while it runs
 * @typedef {{
 *   admin: boolean, shown: boolean, tab: Status, lists: Record<Status, any[] | null>, picks: Record<string, string>,
 *   busy: number[], training: any | null, run: Run | null, rollbackTo: number | null,
 * }} InboxState `lists`: null until loaded; `busy`: items with a request under way
 */

export const STATUSES = /** @type {Status[]} */ (['new', 'labelled', 'ignored', 'applied']);
/** How many items of a status are read at once (the most frequent first); the badge says "200+" beyond. */
export const LIST_LIMIT = 200;

/** @returns {InboxState} */
export function inboxInitial(admin = false) {
  return {
    admin,
    shown: false,
    tab: 'new',
    lists: { new: null, labelled: null, ignored: null, applied: null },
    picks: {},
    busy: [],
    training: null,
    run: null,
    rollbackTo: null,
  };
}

const isItem = (/** @type {any} */ it) => it && typeof it === 'object' && typeof it.id === 'number' && STATUSES.includes(it.status);
/** The server's order: the most frequent first, then the most recent. */
const byFrequency = (/** @type {any} */ a, /** @type {any} */ b) => (b.count || 0) - (a.count || 0) || (b.lastAt || 0) - (a.lastAt || 0) || a.id - b.id;
const without = (/** @type {number[]} */ list, /** @type {number} */ id) => (list.includes(id) ? list.filter((x) => x !== id) : list);

/** @param {InboxState} s @param {boolean} shown */
export const inboxShown = (s, shown) => (s.shown === shown ? s : { ...s, shown });

/** @param {InboxState} s @param {string} tab */
export const tabChosen = (s, tab) => (s.tab === tab || !STATUSES.includes(/** @type {Status} */ (tab)) ? s : { ...s, tab: /** @type {Status} */ (tab) });

/**
 * GET /review?status= answered.
 * @param {InboxState} s
 * @param {Status} status
 * @param {unknown} items
 * @returns {InboxState}
 */
export function listReceived(s, status, items) {
  const list = (Array.isArray(items) ? items : []).filter((it) => isItem(it) && it.status === status);
  return { ...s, lists: { ...s.lists, [status]: list } };
}

/**
 * An item changed (labelled, ignored): it leaves every list and joins its status's, in the server's order; its pick is done with.
 * @param {InboxState} s
 * @param {any} item
 * @returns {InboxState}
 */
export function itemChanged(s, item) {
  if (!isItem(item)) return s;
  const lists = { ...s.lists };
  for (const status of STATUSES) {
    const list = lists[status];
    if (!list) continue;
    const rest = list.filter((it) => it.id !== item.id);
    lists[status] = status === item.status ? [...rest, item].sort(byFrequency) : rest;
  }
  const picks = { ...s.picks };
  delete picks[item.id];
  return { ...s, lists, picks, busy: without(s.busy, item.id) };
}

/** The server no longer knows an item: it leaves every list. @param {InboxState} s @param {number} id */
export function itemGone(s, id) {
  const lists = { ...s.lists };
  for (const status of STATUSES) lists[status] = lists[status] && /** @type {any[]} */ (lists[status]).filter((it) => it.id !== id);
  return { ...s, lists, busy: without(s.busy, id) };
}

/** The agent chose an intent in an item's picker ('' clears it). @param {InboxState} s @param {number} id @param {string} intent */
export function intentPicked(s, id, intent) {
  const picks = { ...s.picks };
  if (intent) picks[id] = intent;
  else delete picks[id];
  return { ...s, picks };
}

/** A request about an item started or ended. @param {InboxState} s @param {number} id @param {boolean} busy */
export const itemBusy = (s, id, busy) => (busy === s.busy.includes(id) ? s : { ...s, busy: busy ? [...s.busy, id] : without(s.busy, id) });

/**
 * GET /training answered. The version to roll back to stays chosen while it exists; else none is.
 * @param {InboxState} s
 * @param {any} training
 * @returns {InboxState}
 */
export function trainingReceived(s, training) {
  if (!training || typeof training !== 'object') return s;
  const versions = Array.isArray(training.versions) ? training.versions : [];
  const keep = s.rollbackTo !== null && versions.some((v) => v.version === s.rollbackTo && !v.active);
  return { ...s, training, rollbackTo: keep ? s.rollbackTo : null };
}

/** @param {InboxState} s @param {number | null} version */
export const rollbackChosen = (s, version) => (s.rollbackTo === version ? s : { ...s, rollbackTo: version });

/** The agent's apply or rollback started. @param {InboxState} s @param {'apply' | 'rollback'} kind @param {number} since @param {number | null} [version] */
export const runStarted = (s, kind, since, version = null) => (s.run ? s : { ...s, run: { kind, since, version } });

/** @param {InboxState} s */
export const runEnded = (s) => (s.run ? { ...s, run: null } : s);

/**
 * An apply answered (200, or 422 with the figures of the model it refused): it is the last apply at once, before
 * GET /training says so.
 * @param {InboxState} s
 * @param {'applied' | 'refused'} result
 * @param {any} body the answer: { version?, accuracy_before, accuracy_after, frozen, items, cv_before, cv_after }
 * @param {string} agent
 * @param {number} at
 * @returns {InboxState}
 */
export function applyAnswered(s, result, body, agent, at) {
  const b = body || {};
  const figures = {
    accuracy_before: b.accuracy_before,
    accuracy_after: b.accuracy_after,
    frozen: b.frozen,
    items: b.items,
    cv_before: b.cv_before ?? null,
    cv_after: b.cv_after ?? null,
  };
  const version = result === 'applied' && typeof b.version === 'number' ? b.version : null;
  const last_apply = { at, agent, kind: 'apply', result, version, figures };
  const training = { ...(s.training || { versions: [] }), last_apply, ...(version !== null ? { version, loaded: version } : {}) };
  return { ...s, training };
}

// ---- what the screen reads ---------------------------------------------------

/** The items of the tab shown (null while it loads). @param {InboxState} s */
export const itemsOf = (s) => s.lists[s.tab];

/** A list's size as a count shows it: '' before it loads, "200+" when it may hold more. @param {InboxState} s @param {Status} status */
export function countText(s, status) {
  const list = s.lists[status];
  if (!list) return '';
  return list.length >= LIST_LIMIT ? `${LIST_LIMIT}+` : String(list.length);
}

/** What runs now: the agent's own run, else one the server reports (another admin's), else null. @param {InboxState} s */
export function runningNow(s) {
  if (s.run) return { kind: s.run.kind, mine: true, since: s.run.since, version: s.run.version };
  const kind = s.training && s.training.running;
  return kind === 'apply' || kind === 'rollback' ? { kind, mine: false, since: null, version: null } : null;
}
