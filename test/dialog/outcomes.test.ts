/**
 * What a turn records besides its replies: the outcome events analytics
 * counts (ids and labels only), the review inbox's items, and side questions
 * the bot answers honestly when its material has no facts.
 */
import { describe, expect, it } from 'vitest';
import type { ConversationState, OutcomeEvent } from '../../src/core/types.js';
import { createBrain, turn, type TurnResult } from '../../src/dialog/index.js';
import { MemoryTicketSink } from './memory-sink.js';
import { NOON_JST, textPattern } from './play.js';

const deps = { ...createBrain({ agentHours: '00:00-24:00' }), tickets: new MemoryTicketSink() };
let n = 0;

async function talk(texts: string[]): Promise<TurnResult[]> {
  const id = `out-${++n}`;
  let state: ConversationState | undefined;
  let at = NOON_JST;
  const out: TurnResult[] = [];
  for (const text of texts) {
    const r = await turn(deps, state, { conversationId: id, channel: 'web', text, at: (at += 60_000) });
    state = r.state;
    out.push(r);
  }
  return out;
}
const events = (turns: TurnResult[]): string[] =>
  turns.flatMap((t) => t.events).map((e: OutcomeEvent) => (e.name ? `${e.type}:${e.name}${e.value !== undefined ? `=${e.value}` : ''}` : e.type));

describe('outcome events', () => {
  it('a resolution by the bot: the episode, its questions, the remedies given and whether they worked, the resolution, the rating', async () => {
    const turns = await talk(['d払いにログインできません', 'ドコモです', 'Wi-Fiです', 'だめでした', '最新です', 'できました', '5']);
    expect(events(turns)).toEqual([
      'episode_start:login_failed',
      'message:login_failed',
      'question_asked:carrier',
      `message:${turns[1]!.understanding.intent}`,
      'question_answered:carrier',
      'question_asked:network',
      `message:${turns[2]!.understanding.intent}`,
      'question_answered:network',
      'remedy_given:disable_wifi',
      'question_asked:resolved',
      `message:${turns[3]!.understanding.intent}`,
      'question_answered:resolved',
      'remedy_result:disable_wifi=0',
      'question_asked:app_version',
      `message:${turns[4]!.understanding.intent}`,
      'question_answered:app_version',
      'remedy_given:wait_retry',
      'question_asked:resolved',
      `message:${turns[5]!.understanding.intent}`,
      'question_answered:resolved',
      'remedy_result:wait_retry=1',
      'resolved:wait_retry',
      'csat_asked:bot',
      `message:${turns[6]!.understanding.intent}`,
      'rating:bot=5',
    ]);
    const all = turns.flatMap((t) => t.events);
    expect(new Set(all.filter((e) => e.episode).map((e) => e.episode)).size).toBe(1); // one episode, the rating included
    expect(all.filter((e) => !e.episode)).toEqual([{ type: 'message', name: turns[6]!.understanding.intent }]); // the rating message starts no episode
    expect(turns.at(-2)!.state.episode).toBeUndefined(); // ended by the resolution
    expect(turns.at(-2)!.openAsk).toBeNull(); // a rating question is not abandonable
    expect(turns[1]!.openAsk).toBe('network');
  });

  it('a hand-off ends the episode with its reason; the next message starts a new one', async () => {
    const turns = await talk(['人と話したい', 'キャンセル', 'd払いにログインできない']);
    expect(events([turns[0]!])).toContain('handoff:asked');
    expect(turns[0]!.state.episode).toBeUndefined();
    expect(events([turns[2]!])[0]).toBe('episode_start:login_failed');
  });

  it('messages relayed to an agent are not the bot’s: no events', async () => {
    const turns = await talk(['オペレーターと話したい', 'まだですか']);
    expect(turns[1]!.relayed).toBe(true);
    expect(turns[1]!.events).toEqual([]);
  });
});

describe('the review inbox', () => {
  it('an out-of-scope message goes to it, and counts as misunderstood', async () => {
    const [r] = await talk(['今日の天気はどうですか？']);
    expect(r!.review).toEqual({ reason: 'out_of_scope' });
    expect(events([r!])).toContain('misunderstood:out_of_scope');
  });

  it('an answer the bot could not read goes to it; after the second, a hand-off accepted is `confused` and brings the misread message', async () => {
    const turns = await talk(['d払いにログインできません', 'ふにゃふにゃ', 'ぴよぴよ', 'はい']);
    expect(turns[1]!.review).toEqual({ reason: 'unread_answer' });
    expect(turns[2]!.replies.at(-1)?.meta?.ask).toBe('handoff');
    const handed = turns[3]!;
    expect(handed.review).toEqual({ reason: 'handoff_confused', text: 'ぴよぴよ' });
    expect(events([handed])).toContain('handoff:confused');
  });

  it('a message the bot understood does not go to it', async () => {
    for (const r of await talk(['d払いにログインできません', 'ドコモです'])) expect(r.review).toBeUndefined();
  });
});

describe('side questions', () => {
  it('after the password answer, the offer of a person is made once', async () => {
    const [r] = await talk(['パスワードを忘れてしまいました']);
    const offers = r!.replies.filter((x) => /担当者におつなぎ/.test(x.text));
    expect(offers).toHaveLength(1);
    expect(offers[0]!.meta?.ask).toBe('handoff');
  });

  it.each([
    ['ja', 'dアカウントを作り直したらdポイントは引き継がれますか？'],
    ['ja', '電話番号をここに書いても安全ですか？'],
    ['en', 'Will my d points carry over to a new d account?'],
  ] as const)('%s: 「%s」 has no facts in our material: the bot says so and who can answer, instead of the nearest canned answer', async (lang, text) => {
    const [r] = await talk([text]);
    expect(r!.replies.map((x) => x.text).join('\n')).toMatch(textPattern(deps, lang, 'faq.no_facts'));
  });

  it('mid-dialog it is still a side question: no remedy, then the open question again', async () => {
    const turns = await talk(['d払いにログインできません', 'dポイントは新しいdアカウントに引き継げますか？']);
    const r = turns[1]!;
    expect(r.replies.map((x) => x.text).join('\n')).toMatch(textPattern(deps, 'ja', 'faq.no_facts'));
    expect(r.replies.some((x) => x.meta?.remedy)).toBe(false);
    expect(r.replies.at(-1)?.meta?.ask).toBe('carrier');
  });
});
