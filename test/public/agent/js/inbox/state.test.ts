import { describe, expect, it } from 'vitest';
import {
  applyAnswered,
  countText,
  inboxInitial,
  intentPicked,
  itemBusy,
  itemChanged,
  itemGone,
  itemsOf,
  LIST_LIMIT,
  listReceived,
  rollbackChosen,
  runEnded,
  runningNow,
  runStarted,
  tabChosen,
  trainingReceived,
} from '../../../../../public/agent/js/inbox/state.js';
import { figures, reviewItem } from '../../../../helpers/agent.js';

const item = (id: number, extra: Record<string, unknown> = {}) => reviewItem({ id, ...extra });
/** An admin's inbox with new items 1 (seen 5 times), 2 (3) and 3 (1), and an empty labelled list. */
function loaded() {
  let s = listReceived(inboxInitial(true), 'new', [item(1, { count: 5 }), item(2, { count: 3 }), item(3, { count: 1 })]);
  s = listReceived(s, 'labelled', []);
  return s;
}

describe('inbox state: the lists', () => {
  it('shows the tab chosen, and knows which lists have not loaded yet', () => {
    const s = loaded();
    expect(itemsOf(s)!.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(itemsOf(tabChosen(s, 'ignored'))).toBeNull();
    expect(tabChosen(s, 'closed')).toBe(s); // not a status
    expect([countText(s, 'new'), countText(s, 'labelled'), countText(s, 'applied')]).toEqual(['3', '0', '']);
  });

  it('keeps only well-formed items of the status asked for', () => {
    const s = listReceived(inboxInitial(), 'new', [item(1), item(2, { status: 'labelled' }), { id: 'x', status: 'new' }, null]);
    expect(s.lists.new!.map((i) => i.id)).toEqual([1]);
    expect(listReceived(inboxInitial(), 'new', { error: 'nope' }).lists.new).toEqual([]);
  });

  it('says "200+" when a list is as long as the limit (there may be more)', () => {
    const many = Array.from({ length: LIST_LIMIT }, (_, i) => item(i + 1));
    expect(countText(listReceived(inboxInitial(), 'new', many), 'new')).toBe(`${LIST_LIMIT}+`);
    expect(countText(listReceived(inboxInitial(), 'new', many.slice(1)), 'new')).toBe(String(LIST_LIMIT - 1));
  });

  it('moves a labelled item from new to labelled, in the order of frequency, and forgets its pick', () => {
    let s = intentPicked(loaded(), 2, 'login_failed');
    s = itemBusy(s, 2, true);
    s = listReceived(s, 'labelled', [item(9, { status: 'labelled', label: 'thanks', count: 4 }), item(8, { status: 'labelled', label: 'thanks', count: 1 })]);
    s = itemChanged(s, item(2, { count: 3, status: 'labelled', label: 'login_failed', labelledBy: 'bob' }));
    expect(s.lists.new!.map((i) => i.id)).toEqual([1, 3]);
    expect(s.lists.labelled!.map((i) => i.id)).toEqual([9, 2, 8]);
    expect(s.picks).toEqual({});
    expect(s.busy).toEqual([]);
    // An ignored item leaves every list; the ignored list, not loaded, stays so (it is read when its tab opens).
    s = itemChanged(s, item(9, { status: 'ignored' }));
    expect([s.lists.labelled!.map((i) => i.id), s.lists.ignored]).toEqual([[2, 8], null]);
  });

  it('drops an item the server no longer knows', () => {
    const s = itemGone(itemBusy(loaded(), 3, true), 3);
    expect(s.lists.new!.map((i) => i.id)).toEqual([1, 2]);
    expect(s.busy).toEqual([]);
  });

  it('remembers the intent picked for each item until it is cleared', () => {
    const s = intentPicked(intentPicked(loaded(), 1, 'wifi_login'), 3, 'thanks');
    expect(s.picks).toEqual({ 1: 'wifi_login', 3: 'thanks' });
    expect(intentPicked(s, 1, '').picks).toEqual({ 3: 'thanks' });
  });
});

describe('inbox state: training', () => {
  const status = (extra: Record<string, unknown> = {}) => ({
    version: 2,
    loaded: 2,
    running: null,
    last_apply: null,
    versions: [
      { version: 2, active: true },
      { version: 1, active: false },
      { version: 0, active: false },
    ],
    ...extra,
  });

  it("tells the agent's own run from one the server reports, and ends it", () => {
    const s = trainingReceived(loaded(), status());
    expect(runningNow(s)).toBeNull();
    const mine = runStarted(s, 'apply', 1000);
    expect(runningNow(mine)).toEqual({ kind: 'apply', mine: true, since: 1000, version: null });
    expect(runStarted(mine, 'rollback', 2000)).toBe(mine); // one at a time
    expect(runningNow(runEnded(mine))).toBeNull();
    expect(runningNow(trainingReceived(s, status({ running: 'rollback' })))).toEqual({ kind: 'rollback', mine: false, since: null, version: null });
  });

  it('keeps the version chosen for a rollback while it exists and is not the running one', () => {
    const s = rollbackChosen(trainingReceived(loaded(), status()), 1);
    expect(trainingReceived(s, status()).rollbackTo).toBe(1);
    expect(trainingReceived(s, status({ version: 1, versions: [{ version: 1, active: true }] })).rollbackTo).toBeNull();
  });

  it('makes an answered apply the last apply at once: applied with its version, or refused with the figures of the worse model', () => {
    const s = trainingReceived(loaded(), status());
    const ok = applyAnswered(s, 'applied', { applied: 3, version: 3, ...figures() }, 'alice', 9000);
    expect(ok.training.last_apply).toEqual({ at: 9000, agent: 'alice', kind: 'apply', result: 'applied', version: 3, figures: figures() });
    expect(ok.training).toMatchObject({ version: 3, loaded: 3 });
    const worse = figures({ accuracy_after: 0.85 });
    const no = applyAnswered(s, 'refused', { error: 'model_worse', message: 'worse', ...worse }, 'alice', 9000);
    expect(no.training.last_apply).toMatchObject({ result: 'refused', version: null, figures: worse });
    expect(no.training.version).toBe(2);
  });
});
