/**
 * The satisfaction rating (spec §6), as a second declared dialog: asked in
 * the turn that resolves the problem and after an agent closes a ticket;
 * payloads, typed numbers and words count; anything else lets it go; a low
 * rating asks why once.
 */
import { describe, expect, it } from 'vitest';
import type { ConversationState, Reply } from '../../src/core/types.js';
import { agentClosed, createBrain, turn, type TurnResult } from '../../src/dialog/index.js';
import { readRating } from '../../dialogs/csat.js';
import { MemoryTicketSink } from '../dialog/memory-sink.js';
import { NOON_JST, textPattern } from '../dialog/play.js';

const deps = { ...createBrain({ agentHours: '00:00-24:00' }), tickets: new MemoryTicketSink() };
let n = 0;

/** Plays messages in one conversation; returns every turn's result. */
async function talk(texts: string[], state?: ConversationState): Promise<TurnResult[]> {
  const id = `csat-${++n}`;
  const out: TurnResult[] = [];
  let at = NOON_JST;
  for (const text of texts) {
    const r = await turn(deps, state, { conversationId: id, channel: 'web', text, at: (at += 60_000) });
    state = r.state;
    out.push(r);
  }
  return out;
}
const RESOLVE_JA = ['d払いにログインできません', 'ドコモです', 'Wi-Fiです', 'ログインできました！'];
const RESOLVE_EN = ["I can't log in to d barai", 'docomo', 'wifi', 'it worked'];
const askOf = (r: TurnResult) => r.replies.find((x) => x.meta?.ask)?.meta?.ask;
const csatReply = (r: TurnResult): Reply | undefined => r.replies.find((x) => x.meta?.ask === 'csat');

describe('the rating question', () => {
  it.each([
    ['ja', RESOLVE_JA, ['1 とても不満', '2 不満', '3 ふつう', '4 満足', '5 とても満足']],
    ['en', RESOLVE_EN, ['1 Very dissatisfied', '2 Dissatisfied', '3 Neutral', '4 Satisfied', '5 Very satisfied']],
  ] as const)(
    '%s: comes in the same batch as the resolution, with five ascending quick replies "1"–"5" labelled with numbers and words',
    async (_, texts, titles) => {
      const turns = await talk([...texts]);
      const last = turns.at(-1)!;
      expect(last.replies[0]!.text).toMatch(textPattern(deps, last.state.lang, 'resolved.yes'));
      const q = csatReply(last)!;
      expect(q).toBeDefined();
      expect(q.quick_replies!.map((x) => x.payload)).toEqual(['1', '2', '3', '4', '5']);
      expect(q.quick_replies!.map((x) => x.title)).toEqual(titles);
      expect(q.quick_replies!.every((x) => !/[♥❤★☆😀-🙏]/u.test(x.title))).toBe(true); // words, never only symbols
      expect(last.events.filter((e) => e.type === 'csat_asked')).toEqual([{ type: 'csat_asked', name: 'bot', episode: expect.any(String) }]);
    },
  );

  it.each([['5'], ['5です'], ['とても良かった'], ['最高でした'], ['great'], ['Excellent!']])(
    '「%s」 is a rating of 5, thanked, and the rating ends',
    async (text) => {
      const turns = await talk([...RESOLVE_JA, text]);
      const r = turns.at(-1)!;
      expect(r.events.find((e) => e.type === 'rating')).toMatchObject({ type: 'rating', name: 'bot', value: 5 });
      expect(r.replies.map((x) => x.text).join('\n')).toMatch(textPattern(deps, r.state.lang, 'csat.thanks'));
      expect(r.state.dialog).toBeNull();
      expect(askOf(r)).toBeUndefined();
    },
  );

  it('the rating belongs to the episode that was resolved', async () => {
    const turns = await talk([...RESOLVE_JA, '4']);
    const episode = turns[0]!.events.find((e) => e.type === 'episode_start')!.episode;
    expect(turns.at(-1)!.events.find((e) => e.type === 'rating')!.episode).toBe(episode);
    expect(turns.at(-1)!.events.some((e) => e.type === 'episode_start')).toBe(false); // a rating starts no episode
  });

  it.each([
    ['d払いにまたログインできない', 'carrier'],
    ['こんにちは', undefined],
  ])('any other message (「%s」) skips the rating silently and is handled as usual', async (text, ask) => {
    const r = (await talk([...RESOLVE_JA, text])).at(-1)!;
    expect(r.events.some((e) => e.type === 'rating')).toBe(false);
    expect(r.events.some((e) => e.type === 'misunderstood')).toBe(false);
    expect(askOf(r)).toBe(ask);
    expect(r.review).toBeUndefined();
  });

  it('a rating of 2 or less asks why, once; the next message is stored as the reason (masked) for the review inbox', async () => {
    const turns = await talk([...RESOLVE_JA, '2', '説明が長すぎて、090-1234-5678に電話したくなった']);
    const low = turns.at(-2)!;
    expect(low.events.find((e) => e.type === 'rating')).toMatchObject({ value: 2 });
    expect(low.replies.at(-1)).toMatchObject({ meta: { ask: 'csat_reason' } });
    expect(low.replies.at(-1)!.text).toContain('よろしければ理由を教えてください');
    const reason = turns.at(-1)!;
    expect(reason.review).toEqual({ reason: 'low_rating' });
    expect(reason.text).toContain('[phone number]');
    expect(reason.state.dialog).toBeNull();
    expect(askOf(reason)).toBeUndefined();
  });

  it('a new problem instead of a reason is handled as one, and no reason is stored', async () => {
    const r = (await talk([...RESOLVE_JA, '1', 'またd払いにログインできなくなりました'])).at(-1)!;
    expect(r.review).toBeUndefined();
    expect(askOf(r)).toBe('carrier');
  });

  it('is never asked twice for one episode, and never opens a ticket', async () => {
    const turns = await talk([...RESOLVE_JA, '5', 'ありがとう']);
    expect(turns.flatMap((t) => t.events).filter((e) => e.type === 'csat_asked')).toHaveLength(1);
    expect(turns.flatMap((t) => t.replies).some((x) => x.meta?.handoff)).toBe(false);
  });

  it('after an agent closes a ticket: the bot says it is back and asks for a rating of the agent', async () => {
    const turns = await talk(['人と話したい']);
    const episode = turns[0]!.events.find((e) => e.type === 'handoff')!.episode;
    const closed = await agentClosed(deps, turns[0]!.state, episode, NOON_JST + 3_600_000);
    expect(closed.replies[0]!.text).toMatch(textPattern(deps, 'ja', 'handoff.closed'));
    expect(closed.replies[1]).toMatchObject({ meta: { ask: 'csat' }, text: expect.stringMatching(textPattern(deps, 'ja', 'csat.ask.agent')) });
    expect(closed.replies[0]!.meta?.intent).toBeUndefined(); // the bot speaks first: nothing was understood
    expect(closed.state.ticket).toBeUndefined();
    expect(closed.events).toEqual([{ type: 'csat_asked', name: 'agent', episode }]);
    const rated = await turn(deps, closed.state, { conversationId: 'x', channel: 'web', text: '5', at: NOON_JST + 3_700_000 });
    expect(rated.events.find((e) => e.type === 'rating')).toEqual({ type: 'rating', name: 'agent', value: 5, episode });
    // And not again for the same episode.
    expect((await agentClosed(deps, rated.state, episode, NOON_JST + 3_800_000)).replies.some((x) => x.meta?.ask === 'csat')).toBe(false);
  });
});

describe('readRating', () => {
  it.each([
    ['1', '1'],
    ['5', '5'],
    ['3点', '3'],
    ['4 / 5', '4'],
    ['とても不満', '1'],
    ['不満です', '2'],
    ['ふつう', '3'],
    ['満足しました', '4'],
    ['terrible', '1'],
    ['not good', '2'],
    ['ok', '3'],
    ['good', '4'],
    ['6', undefined],
    ['12', undefined],
    ['ログインできないのでとても不満ですがどうすればいいですか、教えてください', undefined],
  ])('「%s」 → %s', (text, score) => expect(readRating(text)).toBe(score));
});
