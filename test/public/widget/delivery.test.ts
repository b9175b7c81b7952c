import { describe, expect, it } from 'vitest';
import { createStore } from '../../../public/shared/store.js';
import { createDelivery } from '../../../public/widget/delivery.js';
import { createSession } from '../../../public/widget/session.js';
import { connectionChanged, historyLoaded, initialState, messageQueued, sessionRenewed, shownMessages } from '../../../public/widget/state.js';

type Result = { ok: boolean; status: number; body: any; code: string | null; text: string | null };
const answer = (status: number, body: any): Result => ({
  ok: status >= 200 && status < 300,
  status,
  body,
  code: typeof body?.error === 'string' && /^[a-z_]+$/.test(body.error) ? body.error : null,
  text: body?.message ?? body?.error ?? null,
});

/** The widget's delivery with the socket down, a fake server answering the webhook from a script, and real state. */
function setup(webhookAnswers: Result[], storedId: string | null = 'w_old') {
  const calls: { user: string; text: string }[] = [];
  let issued = 0;
  const api = {
    session: () => Promise.resolve(answer(200, { user: `w_new${++issued}` })),
    history: () => Promise.resolve(answer(200, { messages: [] })),
    webhook: (user: string, text: string) => {
      calls.push({ user, text });
      return Promise.resolve(webhookAnswers.shift() ?? answer(500, { error: 'internal error' }));
    },
  };
  const stored = new Map<string, string>(storedId ? [['dbarai-chat-user', storedId]] : []);
  const storage = { get: (k: string) => stored.get(k) ?? null, set: (k: string, v: string | null) => (v === null ? stored.delete(k) : stored.set(k, v)) };
  const store = createStore(connectionChanged(historyLoaded(initialState('ja'), []), 'down'));
  const session = createSession(api, storage, () => store.update(sessionRenewed));
  const socket = { send: () => false, user: '', connect: () => Promise.resolve(), retryNow: () => {} };
  const delivery = createDelivery({ store, api, session, socket });
  const send = async (text: string) => {
    store.update(messageQueued, text, undefined);
    await delivery.drain();
  };
  return { store, calls, stored, send, texts: () => shownMessages(store.get()).map((m) => m.label ?? `${m.role}:${m.text}`) };
}

describe('widget delivery through the webhook', () => {
  it('on 401 gets a new id quietly, stores it and sends the message again once', async () => {
    const w = setup([answer(401, { error: 'session_expired', message: 'expired' }), answer(200, [{ type: 'message', text: 'はい、どうぞ' }])]);
    await w.send('ログインできない');
    expect(w.calls).toEqual([
      { user: 'w_old', text: 'ログインできない' },
      { user: 'w_new1', text: 'ログインできない' },
    ]);
    expect(w.stored.get('dbarai-chat-user')).toBe('w_new1');
    expect(w.store.get().notice).toBeNull();
    expect(w.texts()).toEqual(['greeting', 'user:ログインできない', 'bot:はい、どうぞ']);
    expect(shownMessages(w.store.get()).some((m) => m.pending)).toBe(false);
  });

  it('after a second 401 keeps the message queued (no error, no third try now)', async () => {
    const w = setup([answer(401, { error: 'unknown user id' }), answer(401, { error: 'unknown user id' })]);
    await w.send('hello');
    expect(w.calls).toHaveLength(2);
    expect(w.store.get().outbox.map((o) => o.text)).toEqual(['hello']);
    expect(w.store.get().notice).toBeNull();
  });

  it('on 413 shows the server message, drops the bubble and gives the text back for the input', async () => {
    const long = 'あ'.repeat(2500);
    const w = setup([answer(413, { error: 'too_large', message: 'メッセージは2,000文字以内で送ってください。' })]);
    await w.send(long);
    expect(w.store.get().notice).toEqual({ code: 'too_large', text: 'メッセージは2,000文字以内で送ってください。' });
    expect(w.store.get().restore).toEqual({ text: long });
    expect(w.texts()).toEqual(['greeting']);
    expect(w.store.get().outbox).toEqual([]);
  });

  it('keeps a message for later when the server is busy or away, in order', async () => {
    const w = setup([answer(429, { error: 'rate_limited', message: 'wait' })]);
    await w.send('first');
    await w.send('second');
    expect(w.store.get().outbox.map((o) => o.text)).toEqual(['first', 'second']);
    expect(w.calls.map((c) => c.text)).toEqual(['first', 'first']);
  });

  it('asks for an id first when there is none', async () => {
    const w = setup([answer(200, [])], null);
    await w.send('hi');
    expect(w.calls).toEqual([{ user: 'w_new1', text: 'hi' }]);
  });
});
