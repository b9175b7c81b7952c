// What the agent does in the review inbox (read the lists, label, ignore, apply, roll back) as API calls and state transitions; every refusal becomes a notice in the agent's words.

import { ApiError } from '../api.js';
import { fill, label } from '../labels.js';
import { TEXT } from '../text.js';
import {
  applyAnswered,
  intentPicked,
  itemBusy,
  itemChanged,
  itemGone,
  LIST_LIMIT,
  listReceived,
  runEnded,
  runStarted,
  STATUSES,
  trainingReceived,
} from './state.js';
import { INBOX_TEXT } from './text.js';

const R = INBOX_TEXT.refusal;

/**
 * What to tell the agent about a failed inbox request, in Japanese; the server's own sentence (English) goes in
 * brackets when it adds something.
 * @param {unknown} err
 * @param {'label' | 'ignore' | 'apply' | 'rollback' | 'read'} action
 * @param {import('../labels.js').Labels} labels
 * @param {{ labelled?: number | null, version?: number }} [known] how many labelled items the agent sees; the version asked for
 * @returns {{ text: string, detail: string | null }}
 */
export function inboxRefusal(err, action, labels, known = {}) {
  if (!(err instanceof ApiError)) return { text: TEXT.error.unexpected, detail: err instanceof Error ? err.message : null };
  if (err.status === 0) return { text: TEXT.error.network, detail: null };
  const body = err.body || {};
  const server = err.serverMessage;
  if (err.status === 403) return { text: R.admin, detail: null };
  if (action === 'label' || action === 'ignore') {
    if (err.status === 409 && typeof body.intent === 'string')
      return { text: fill(R.clash, { intent: label(labels, 'analytics.intent', body.intent) }), detail: null };
    if (err.status === 409) return { text: R.closed, detail: null };
    if (err.status === 404) return { text: R.gone, detail: null };
    if (err.status === 400) return { text: R.badIntent, detail: server };
  }
  if (action === 'apply' && err.status === 409) return { text: !body.running && known.labelled === 0 ? R.nothing : R.busy, detail: server };
  if (action === 'rollback' && err.status === 409) return { text: R.busy, detail: server };
  if (action === 'rollback' && err.status === 404) return { text: fill(R.noVersion, { version: known.version ?? '' }), detail: null };
  if ((action === 'apply' || action === 'rollback') && err.status >= 500) return { text: R.failed, detail: server };
  const status = /** @type {keyof typeof TEXT.error} */ (err.status);
  return { text: TEXT.error[status] || fill(TEXT.error.other, { status: err.status }), detail: server };
}

/**
 * @param {{
 *   store: { get(): import('./state.js').InboxState, update: Function },
 *   api: import('../api.js').Api,
 *   notices: import('../notices.js').Notices,
 *   labels: () => import('../labels.js').Labels,
 *   me: () => import('../rights.js').Me | null,
 *   onExpired: () => void,
 * }} o `onExpired`: the token was refused (401)
 */
export function createInboxCommands({ store, api, notices, labels, me, onExpired }) {
  const labelledCount = () => store.get().lists.labelled?.length ?? null;

  /** Tells the agent why a request failed; a refused token signs out instead. */
  function fail(/** @type {unknown} */ err, /** @type {Parameters<typeof inboxRefusal>[1]} */ action, /** @type {{ version?: number }} */ known = {}) {
    if (err instanceof ApiError && err.status === 401) return void onExpired();
    const { text, detail } = inboxRefusal(err, action, labels(), { labelled: labelledCount(), ...known });
    notices.notify(text, 'error', detail);
  }

  const load = async (/** @type {import('./state.js').Status} */ status) => store.update(listReceived, status, (await api.review(status, LIST_LIMIT)).items);
  const training = async () => store.update(trainingReceived, await api.training());

  /**
   * Reads every list and where training stands (the inbox is shown), or only the new items (the badge). One
   * notice for what failed; none for a `quiet` background read (the connection badge tells of an outage), unless
   * the token was refused.
   */
  async function refresh(all = store.get().shown, quiet = false) {
    const reads = await Promise.allSettled(all ? [...STATUSES.map(load), training()] : [load('new')]);
    const failed = reads.find((r) => r.status === 'rejected');
    if (!failed) return;
    const err = /** @type {PromiseRejectedResult} */ (failed).reason;
    if (!quiet || (err instanceof ApiError && err.status === 401)) fail(err, 'read');
  }

  /** Labels or ignores one item; true when it succeeded. */
  async function change(/** @type {number} */ id, /** @type {'label' | 'ignore'} */ action) {
    const intent = store.get().picks[id] || '';
    if (store.get().busy.includes(id) || (action === 'label' && !intent)) return false;
    store.update(itemBusy, id, true);
    try {
      const { item } = await (action === 'label' ? api.label(id, intent) : api.ignore(id));
      store.update(itemChanged, item);
      notices.notify(
        action === 'label' ? fill(INBOX_TEXT.done.label, { intent: label(labels(), 'analytics.intent', intent) }) : INBOX_TEXT.done.ignore,
        'info',
      );
      return true;
    } catch (err) {
      store.update(itemBusy, id, false);
      if (err instanceof ApiError && err.status === 404) store.update(itemGone, id);
      if (err instanceof ApiError && err.status === 409 && !(err.body && err.body.intent)) await refresh(true); // applied or ignored meanwhile
      fail(err, action);
      return false;
    }
  }

  /** Runs an apply or a rollback (one at a time), then reads everything again. */
  async function run(/** @type {'apply' | 'rollback'} */ kind, /** @type {() => Promise<void>} */ body, /** @type {number | null} */ version = null) {
    if (store.get().run) return;
    store.update(runStarted, kind, Date.now(), version);
    try {
      await body();
    } finally {
      store.update(runEnded);
      await refresh(true);
    }
  }

  return {
    refresh,
    pick: (/** @type {number} */ id, /** @type {string} */ intent) => store.update(intentPicked, id, intent),
    label: (/** @type {number} */ id) => change(id, 'label'),
    ignore: (/** @type {number} */ id) => change(id, 'ignore'),

    /** Retrains with the labelled items; the figures show whether it was applied or refused (422, a worse model). */
    apply: () =>
      run('apply', async () => {
        const agent = me()?.name || '';
        try {
          const result = await api.apply();
          store.update(applyAnswered, 'applied', result, agent, Date.now());
          notices.notify(fill(INBOX_TEXT.done.apply, { version: result.version, n: result.applied }), 'info');
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'model_worse')) return fail(err, 'apply');
          store.update(applyAnswered, 'refused', err.body, agent, Date.now());
          notices.notify(R.worse, 'warn');
        }
      }),

    /** Goes back to the version chosen in the panel. */
    rollback() {
      const version = store.get().rollbackTo;
      if (version === null) return Promise.resolve();
      return run(
        'rollback',
        async () => {
          try {
            await api.rollback(version);
            notices.notify(fill(INBOX_TEXT.done.rollback, { version }), 'info');
          } catch (err) {
            fail(err, 'rollback', { version });
          }
        },
        version,
      );
    },
  };
}

/** @typedef {ReturnType<typeof createInboxCommands>} InboxCommands */
