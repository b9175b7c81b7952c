import { describe, expect, it } from 'vitest';
import { createStore } from '../../../../../public/shared/store.js';
import { ApiError } from '../../../../../public/agent/js/api.js';
import { createInboxCommands, inboxRefusal } from '../../../../../public/agent/js/inbox/commands.js';
import { inboxInitial } from '../../../../../public/agent/js/inbox/state.js';
import { figures, me, reviewItem } from '../../../../helpers/agent.js';
import { agentLabels } from '../../../../helpers/labels.js';

const refused = (status: number, body: Record<string, unknown> = {}) =>
  new ApiError(status, (body.error as string) ?? null, (body.message as string) ?? null, { error: 'conflict', ...body });

describe('what the inbox says when the API refuses', () => {
  it('names the intent a text already belongs to, in Japanese', () => {
    const err = refused(409, { error: 'conflict', message: 'this text is already a training example of login_failed', intent: 'login_failed' });
    expect(inboxRefusal(err, 'label', agentLabels)).toEqual({ text: 'この文はすでに「ログインできない」の例文です。別の意図は付けられません。', detail: null });
    expect(inboxRefusal(refused(409, { message: 'review item 3 is applied and can no longer change' }), 'ignore', agentLabels).text).toBe(
      'この発言はすでに反映済みか無視されているため、変更できません。',
    );
    expect(inboxRefusal(refused(404), 'label', agentLabels).text).toBe('この発言は見つかりません。');
  });

  it('tells a busy trainer from an empty inbox, keeps the server’s sentence in brackets, and refuses non-admins plainly', () => {
    const busy = refused(409, { message: 'a model apply is running; try again once it is done', running: 'apply' });
    expect(inboxRefusal(busy, 'apply', agentLabels, { labelled: 0 })).toEqual({
      text: '学習の反映かロールバックが実行中です。終わってからもう一度お試しください。',
      detail: 'a model apply is running; try again once it is done',
    });
    expect(inboxRefusal(refused(409, { message: 'no labelled review item to apply' }), 'apply', agentLabels, { labelled: 0 }).text).toBe(
      '反映するラベル付きの発言がありません。',
    );
    expect(inboxRefusal(refused(403, { error: 'forbidden' }), 'apply', agentLabels).text).toBe('学習の反映とロールバックは管理者のみ行えます。');
    expect(inboxRefusal(refused(404), 'rollback', agentLabels, { version: 9 }).text).toBe('v9 は見つかりません。');
    expect(inboxRefusal(new ApiError(0, null, null), 'read', agentLabels).text).toBe('サーバーに接続できません。ネットワークを確認してください。');
  });
});

/** The commands over a fake API that answers from `answers` (a function per call), with notices recorded. */
function harness(answers: Record<string, (...args: any[]) => Promise<any>>) {
  const store = createStore(inboxInitial(true));
  const said: string[] = [];
  let expired = 0;
  const calls: string[] = [];
  const api = new Proxy(
    {},
    {
      get:
        (_t, name: string) =>
        (...args: unknown[]) => {
          calls.push(`${name}(${args.join(',')})`);
          return (answers[name] ?? (() => Promise.resolve({})))(...args);
        },
    },
  ) as any;
  const notices = { notify: (text: string, kind = 'error') => said.push(`${kind}: ${text}`), announce: () => {} };
  const commands = createInboxCommands({ store, api, notices, labels: () => agentLabels, me: () => me, onExpired: () => void expired++ });
  return { store, said, calls, commands, expired: () => expired };
}

describe('inbox commands', () => {
  it('label the picked intent, move the item to the labelled list, and say so', async () => {
    const h = harness({
      review: (status: string) => Promise.resolve({ items: status === 'new' ? [reviewItem()] : [] }),
      label: (id: number, intent: string) => Promise.resolve({ item: reviewItem({ id, status: 'labelled', label: intent, labelledBy: 'alice' }) }),
    });
    await h.commands.refresh(true);
    expect(await h.commands.label(1)).toBe(false); // nothing picked yet
    h.commands.pick(1, 'login_failed');
    expect(await h.commands.label(1)).toBe(true);
    expect(h.calls).toContain('label(1,login_failed)');
    expect([h.store.get().lists.new, h.store.get().lists.labelled!.map((i: any) => i.label)]).toEqual([[], ['login_failed']]);
    expect(h.said).toEqual(['info: 「ログインできない」のラベルを付けました。']);
  });

  it('apply: the figures of the new version, then everything read again; a worse model is refused with its figures', async () => {
    let answer: () => Promise<any> = () => Promise.resolve({ applied: 1, version: 4, ...figures() });
    const h = harness({ apply: () => answer(), training: () => Promise.resolve({ version: 4, loaded: 4, running: null, last_apply: null, versions: [] }) });
    const running = h.commands.apply();
    expect(h.store.get().run).toMatchObject({ kind: 'apply' }); // the progress shows at once
    await running;
    expect(h.store.get().run).toBeNull();
    expect(h.said).toEqual(['info: 学習に反映しました（v4、1件）。次のメッセージから新しいモデルで応答します。']);
    expect(h.calls.filter((c) => c.startsWith('review(')).sort()).toEqual([
      'review(applied,200)',
      'review(ignored,200)',
      'review(labelled,200)',
      'review(new,200)',
    ]);

    const worse = figures({ accuracy_after: 0.85 });
    answer = () => Promise.reject(new ApiError(422, 'model_worse', 'worse', { error: 'model_worse', message: 'worse', ...worse }));
    const h2 = harness({ apply: () => answer(), training: () => Promise.reject(new ApiError(0, null, null)) });
    await h2.commands.apply();
    expect(h2.store.get().training.last_apply).toMatchObject({ result: 'refused', agent: 'Alice', figures: worse });
    expect(h2.said[0]).toBe('warn: 学習後のモデルは固定評価セットの正解率が1ポイントを超えて下がるため、反映しませんでした。今のモデルのままです。');
  });

  it('hands an expired token to sign-in instead of a notice, even on a background read', async () => {
    const h = harness({ review: () => Promise.reject(new ApiError(401, 'unauthorized', 'a valid agent token is required')) });
    await h.commands.refresh(false, true);
    expect([h.expired(), h.said]).toEqual([1, []]);
  });

  it('says once that the lists could not be read, and nothing when a background read fails', async () => {
    const h = harness({ review: () => Promise.reject(new ApiError(0, null, null)), training: () => Promise.reject(new ApiError(0, null, null)) });
    await h.commands.refresh(true, true);
    expect(h.said).toEqual([]);
    await h.commands.refresh(true);
    expect(h.said).toEqual(['error: サーバーに接続できません。ネットワークを確認してください。']);
  });
});
