import { describe, expect, it } from 'vitest';
import {
  connectionChanged,
  frameReceived,
  historyLoaded,
  initialState,
  messageQueued,
  messageRejected,
  messageSent,
  noticeOf,
  panelToggled,
  sessionRenewed,
  shownMessages,
} from '../../../public/widget/state.js';

type State = ReturnType<typeof initialState>;
const texts = (s: State) => shownMessages(s).map((m) => (m.label ? `<${m.label}>` : `${m.role}:${m.text}`));
const bot = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', from: 'bot', text, ...extra });
/** A user message queued and sent over the socket; returns the state and its key. */
function sentOverSocket(state: State, text: string): [State, string] {
  const queued = messageQueued(state, text, undefined);
  const key = queued.outbox[queued.outbox.length - 1]!.key;
  return [messageSent(queued, key, 'socket'), key];
}

describe('widget state: history', () => {
  it('greets an empty conversation, and shows a history instead of the greeting', () => {
    expect(texts(historyLoaded(initialState('ja'), []))).toEqual(['<greeting>']);
    expect(
      texts(
        historyLoaded(initialState('ja'), [
          { role: 'user', text: 'こんにちは' },
          { role: 'bot', text: 'どうぞ' },
        ]),
      ),
    ).toEqual(['user:こんにちは', 'bot:どうぞ']);
  });

  it('without ids, a reloaded history replaces what was shown; undelivered messages stay at the end', () => {
    let s = historyLoaded(initialState('ja'), [{ role: 'bot', text: 'A' }]);
    s = frameReceived(s, bot('B'));
    s = messageQueued(s, 'まだ届いていない', undefined);
    s = historyLoaded(s, [
      { role: 'bot', text: 'A' },
      { role: 'bot', text: 'B' },
    ]);
    expect(texts(s)).toEqual(['bot:A', 'bot:B', 'user:まだ届いていない']);
  });

  it('with ids, a message that came live after the history was read stays, and one the history has is not shown twice', () => {
    let s = historyLoaded(initialState('ja'), [{ id: 1, role: 'bot', text: 'A' }]);
    s = frameReceived(s, { ...bot('agent 1'), from: 'agent', id: 2 });
    s = frameReceived(s, { ...bot('agent 2'), from: 'agent', id: 3 });
    s = historyLoaded(s, [
      { id: 1, role: 'bot', text: 'A' },
      { id: 2, role: 'agent', text: 'agent 1' },
    ]);
    expect(texts(s)).toEqual(['bot:A', 'agent:agent 1', 'agent:agent 2']);
  });
});

describe('widget state: frames', () => {
  it('drops a frame whose id is already shown, but shows two identical texts with different ids', () => {
    let s = historyLoaded(initialState('ja'), [{ id: 7, role: 'agent', text: 'はい' }]);
    s = frameReceived(s, { type: 'message', from: 'agent', text: 'はい', id: 7 });
    expect(texts(s)).toEqual(['agent:はい']);
    s = frameReceived(s, { type: 'message', from: 'agent', text: 'はい', id: 8 });
    s = frameReceived(s, { type: 'message', from: 'agent', text: 'はい' }); // today's server: no id, always shown
    expect(texts(s)).toEqual(['agent:はい', 'agent:はい', 'agent:はい']);
  });

  it('marks a message unread while the panel is closed, and opening clears it', () => {
    const closed = frameReceived(historyLoaded(initialState('ja'), []), bot('hello'));
    expect(closed.unread).toBe(true);
    expect(panelToggled(closed, true).unread).toBe(false);
    expect(frameReceived(panelToggled(initialState('ja'), true), bot('hello')).unread).toBe(false);
  });

  it('stops the typing dots when a reply arrives, when the turn went to an agent, and when the socket drops', () => {
    const typing = frameReceived(initialState('ja'), { type: 'typing' });
    expect(typing.typing).toBe(true);
    expect(frameReceived(typing, bot('x')).typing).toBe(false);
    expect(frameReceived(typing, { type: 'typing', done: true }).typing).toBe(false);
    expect(connectionChanged(typing, 'down').typing).toBe(false);
  });
});

describe('widget state: the conversation language', () => {
  it('keeps the page language until a bot message names another', () => {
    let s = historyLoaded(initialState('ja'), [{ role: 'bot', text: 'x' }]);
    expect(s.lang).toBe('ja');
    s = frameReceived(s, { ...bot('Hello'), lang: 'en' });
    expect(s.lang).toBe('en');
    s = frameReceived(s, bot('no lang field'));
    expect(s.lang).toBe('en');
    s = frameReceived(s, { type: 'message', from: 'agent', text: 'こんにちは', lang: 'ja' }); // only bot messages decide
    expect(s.lang).toBe('en');
  });

  it('takes the language of the newest bot message of the history', () => {
    const s = historyLoaded(initialState('ja'), [
      { role: 'bot', text: 'こんにちは', lang: 'ja' },
      { role: 'user', text: 'I cannot log in' },
      { role: 'bot', text: 'Let us check', lang: 'en' },
      { role: 'user', text: 'ok' },
    ]);
    expect(s.lang).toBe('en');
  });
});

describe('widget state: refused messages', () => {
  it('an error frame takes the newest message sent back: bubble gone, text for the input, the server message shown', () => {
    let s = historyLoaded(initialState('ja'), []);
    [s] = sentOverSocket(s, 'short one');
    s = frameReceived(s, { type: 'typing' }); // acknowledges it
    [s] = sentOverSocket(s, 'x'.repeat(3000));
    s = frameReceived(s, { type: 'error', error: 'too_large', message: 'メッセージは2000文字までです。' });
    expect(texts(s)).toEqual(['<greeting>', 'user:short one']);
    expect(s.restore).toEqual({ text: 'x'.repeat(3000) });
    expect(s.notice).toEqual({ code: 'too_large', text: 'メッセージは2000文字までです。' });
  });

  it("today's error frame has no code: the notice has no words of its own, the widget's label is used", () => {
    let s = historyLoaded(initialState('ja'), []);
    [s] = sentOverSocket(s, 'too long');
    s = frameReceived(s, { type: 'error', error: 'text over 2000 characters' });
    expect(s.notice).toEqual({ code: null, text: null });
    expect(s.restore).toEqual({ text: 'too long' });
  });

  it('a 413 without a body still counts as too long', () => {
    expect(noticeOf(null, 413)).toEqual({ code: 'too_large', text: null });
    expect(noticeOf({ error: 'text is over 2000 characters' }, 413)).toEqual({ code: 'too_large', text: null });
  });

  it('a webhook refusal removes exactly that message', () => {
    let s = messageQueued(initialState('ja'), 'first', undefined);
    s = messageQueued(s, 'second', undefined);
    s = messageRejected(s, s.outbox[0]!.key, { code: 'too_large', text: null });
    expect(texts(s)).toEqual(['user:second']);
    expect(s.outbox.map((o) => o.text)).toEqual(['second']);
    expect(s.restore).toEqual({ text: 'first' });
  });

  it('a quick reply shows its title but sends its payload', () => {
    const s = messageQueued(initialState('ja'), 'carrier_docomo', 'ドコモ');
    expect(texts(s)).toEqual(['user:ドコモ']);
    expect(s.outbox[0]!.text).toBe('carrier_docomo');
    expect(shownMessages(s)[0]!.pending).toBe(true);
    expect(shownMessages(messageSent(s, s.outbox[0]!.key, 'webhook'))[0]!.pending).toBe(false);
  });
});

describe('widget state: a new id', () => {
  it('keeps what was said on screen above the new conversation, without a second greeting', () => {
    let s = historyLoaded(initialState('ja'), []);
    s = frameReceived(messageSent(messageQueued(s, 'hello', undefined), 'l:1', 'webhook'), bot('reply'));
    s = messageQueued(s, 'retry me', undefined);
    s = sessionRenewed(s);
    s = historyLoaded(s, []);
    expect(texts(s)).toEqual(['<greeting>', 'user:hello', 'bot:reply', 'user:retry me']);
  });
});
