import { describe, expect, it } from 'vitest';
import { LABELS } from '../../../../public/widget/labels.js';
import { choicesView, itemSignature, logItems, messageView } from '../../../../public/widget/render/messages.js';
import { frameReceived, historyLoaded, initialState, messageQueued, shownMessages } from '../../../../public/widget/state.js';
import { findAll, textOf } from '../../../helpers/view.js';

const choices = [
  { title: 'ドコモ', payload: 'docomo' },
  { title: 'ドコモ以外', payload: 'other' },
];

describe('widget log', () => {
  it('offers quick replies under the newest bot message only, and takes them away once the user answers', () => {
    let s = historyLoaded(initialState('ja'), [
      { role: 'bot', text: 'old question', quick_replies: [{ title: 'old', payload: 'old' }] },
      { role: 'user', text: 'answer' },
      { role: 'bot', text: '回線は？', quick_replies: choices },
    ]);
    expect(logItems(shownMessages(s)).map((i) => i.kind)).toEqual(['message', 'message', 'message', 'choices']);
    expect(logItems(shownMessages(s)).pop()!.message.text).toBe('回線は？');
    s = messageQueued(s, 'docomo', 'ドコモ');
    expect(logItems(shownMessages(s)).map((i) => i.kind)).toEqual(['message', 'message', 'message', 'message']);
  });

  it('renders a quick reply as a button with its title; choosing it hands over the whole choice', () => {
    const [message] = shownMessages(frameReceived(initialState('ja'), { type: 'message', text: 'q', quick_replies: choices }));
    const chosen: unknown[] = [];
    const view = choicesView(message!, LABELS.en, (c) => chosen.push(c));
    expect(view.props['aria-label']).toBe('Suggested replies');
    const buttons = findAll(view, (d) => d.tag === 'button');
    expect(buttons.map(textOf)).toEqual(['ドコモ', 'ドコモ以外']);
    buttons[1]!.props.on.click();
    expect(chosen).toEqual([{ title: 'ドコモ以外', payload: 'other' }]);
  });

  it('labels an agent message, and keeps hostile text as text', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const [message] = shownMessages(frameReceived(initialState('ja'), { type: 'message', from: 'agent', text: hostile }));
    const view = messageView(message!, LABELS.ja);
    expect(view.props.class).toBe('msg msg-agent');
    expect(textOf(view)).toBe(`担当者${hostile}`);
    expect(findAll(view, (d) => d.tag === 'img')).toEqual([]);
  });

  it('shows the greeting in the current language, and redraws it when the language changes', () => {
    const [greeting] = logItems(shownMessages(historyLoaded(initialState('ja'), [])));
    expect(textOf(messageView(greeting!.message, LABELS.en))).toContain("If you can't log in");
    expect(itemSignature(greeting!, LABELS.ja)).not.toBe(itemSignature(greeting!, LABELS.en));
  });

  it('keeps a bubble when only its pending state changes (no second announcement)', () => {
    const s = messageQueued(initialState('ja'), 'hello', undefined);
    const [pending] = logItems(shownMessages(s));
    const delivered = { ...pending!, message: { ...pending!.message, pending: false } };
    expect(itemSignature(pending!, LABELS.ja)).toBe(itemSignature(delivered, LABELS.ja));
    expect(messageView(pending!.message, LABELS.ja).props.class).toContain('dbc-pending');
  });
});
