/**
 * The Slack channel against the real Bolt app: signed requests to
 * `POST /slack/events` on our own server, a fake Slack Web API that records
 * what the bot posted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fromRoot } from '../../../src/core/paths.js';
import { AGENT_CHANNEL, BOT_ID, BOT_USER, TEAM, buttons, sectionText, sign, startHarness, type ApiCall, type Harness } from './harness.js';

const DM = 'D0USERDM';
const USER = 'U0USER';
const HELP = 'C0HELP';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let tsSeq = 0;
const nextTs = () => `1710000000.${String(++tsSeq).padStart(6, '0')}`;

/** A DM from the user, as Slack sends it (message.im). */
const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: DM,
  channel_type: 'im',
  user: USER,
  text,
  ts: nextTs(),
  team: TEAM,
  ...extra,
});

/** The last message the bot posted in a channel. */
const last = (harness: Harness, channel: string): ApiCall => {
  const posts = harness.fake.posts(channel);
  return posts[posts.length - 1]!;
};

describe('request signatures', () => {
  it('answers 401 to a wrong or old signature and handles nothing', async () => {
    h = await startHarness();
    const body = JSON.stringify({ type: 'event_callback', team_id: TEAM, event_id: 'EvBAD', event: dm('d払いにログインできません') });
    const now = Math.floor(Date.now() / 1000);
    expect((await h.send(body, { signature: sign(body, now, 'not-the-secret-at-all') })).status).toBe(401);
    expect((await h.send(body, { timestamp: now - 600, signature: sign(body, now - 600) })).status).toBe(401);
    expect((await h.send(body, { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    await h.slack.idle();
    expect(h.fake.of('chat.postMessage')).toHaveLength(0);
    expect(await h.store.transcript.lines(`slack:${TEAM}:${USER}`)).toHaveLength(0);
    expect(h.logs.some((l) => String(l.msg).includes('Request verification failed'))).toBe(true);
  });

  it('answers the url_verification challenge when signed', async () => {
    h = await startHarness();
    const res = await h.send(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'legacy' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });
});

describe('direct messages', () => {
  it('runs a whole Japanese troubleshooting conversation with button clicks', async () => {
    h = await startHarness();
    const transcript: string[] = [];
    const record = (from: number) => {
      for (const c of h!.fake.calls.slice(from)) {
        if (c.method === 'chat.postMessage') {
          transcript.push(`bot:  ${sectionText(c)}`);
          const choices = buttons(c);
          if (choices.length) transcript.push(`      [${choices.map((b) => `${b.title} → ${b.value}`).join('] [')}]`);
        }
        if (c.method === 'chat.update') transcript.push(`      (chat.update: buttons replaced by "${contextText(c)}")`);
      }
    };

    let mark = h.fake.calls.length;
    transcript.push('user: d払いにログインできません');
    const res = await h.event(dm('d払いにログインできません'));
    expect(res.status).toBe(200);
    record(mark);
    const carrierQ = last(h, DM);
    expect(sectionText(carrierQ)).toContain('ドコモ');
    expect(buttons(carrierQ).map((b) => b.value)).toEqual(['docomo', 'other']);
    expect(carrierQ.args.text).toContain('• ドコモ/ahamo'); // the plain-text fallback lists the choices

    for (const [question, value, expectNext] of [
      [carrierQ, 'docomo', 'Wi-Fi'],
      [undefined, 'wifi', 'Wi-Fiをオフ'],
      [undefined, 'yes', '5段階で評価'],
      [undefined, '5', 'ありがとうございます'],
    ] as const) {
      const message = question ?? last(h, DM);
      const button = buttons(message).find((b) => b.value === value)!;
      mark = h.fake.calls.length;
      transcript.push(`user: (clicks "${button.title}")`);
      await h.click(message, button.action_id);
      record(mark);
      const update = h.fake.of('chat.update').at(-1)!;
      expect(update.args).toMatchObject({ channel: DM, ts: message.ts });
      expect(update.args.blocks!.some((b) => b.type === 'actions')).toBe(false);
      expect(contextText(update)).toBe(`✓ ${button.title}`);
      if (expectNext) expect(h.fake.posts(DM).slice(-2).map(sectionText).join('\n')).toContain(expectNext);
    }
    const all = h.fake.posts(DM);
    expect(all.every((c) => /[\u3040-\u30ff]/.test(sectionText(c)))).toBe(true); // every reply in Japanese
    expect(all.every((c) => typeof c.args.text === 'string' && c.args.text.length > 0)).toBe(true);
    expect(all.every((c) => c.args.thread_ts === undefined)).toBe(true);
    // The engine saw the payloads as typed text, in the conversation keyed by team and user.
    const said = (await h.store.transcript.lines(`slack:${TEAM}:${USER}`)).filter((t) => t.role === 'user').map((t) => t.text);
    expect(said).toEqual(['d払いにログインできません', 'docomo', 'wifi', 'yes', '5']);
    const rating = h.fake.posts(DM).find((c) => sectionText(c).includes('5段階で評価'))!;
    expect(buttons(rating).map((b) => [b.value, b.title])).toEqual([
      ['1', '1 とても不満'],
      ['2', '2 不満'],
      ['3', '3 ふつう'],
      ['4', '4 満足'],
      ['5', '5 とても満足'],
    ]);

    mkdirSync(fromRoot('test/artifacts'), { recursive: true });
    writeFileSync(fromRoot('test/artifacts/slack-dm-transcript.txt'), `${transcript.join('\n')}\n`);
  });

  it('answers a second click on the same question only once', async () => {
    h = await startHarness();
    await h.event(dm('d払いにログインできません'));
    const question = last(h, DM);
    await h.click(question, 'qr_0');
    const posted = h.fake.of('chat.postMessage').length;
    await h.click(question, 'qr_1');
    expect(h.fake.of('chat.postMessage')).toHaveLength(posted);
    expect(h.fake.of('chat.update')).toHaveLength(1);
  });

  it('strips Slack markup before the NLU and follows the user language', async () => {
    h = await startHarness();
    await h.event(dm("I can't log in to <https://d-barai.example|d barai> &amp; need help"));
    expect((await h.store.transcript.lines(`slack:${TEAM}:${USER}`))[0]!.text).toBe("I can't log in to d barai & need help");
    expect(sectionText(last(h, DM))).toMatch(/docomo/i);
    expect(sectionText(last(h, DM))).not.toMatch(/[\u3040-\u30ff]{3}/);
  });

  it('ignores bots, its own messages, edits and other subtypes', async () => {
    h = await startHarness();
    await h.event(dm('hello', { user: BOT_USER }));
    await h.event(dm('hello', { bot_id: 'B0OTHER' }));
    await h.event(dm('hello', { subtype: 'bot_message', bot_id: BOT_ID }));
    await h.event(dm('hello', { subtype: 'message_changed' }));
    await h.event(dm('hello', { subtype: 'file_share' }));
    expect(h.fake.of('chat.postMessage')).toHaveLength(0);
    await h.event(dm('hello')); // the same message from the user is answered: the silence above was the filter's
    expect(h.fake.of('chat.postMessage').length).toBeGreaterThan(0);
  });
});

describe('mentions in channels', () => {
  it('answers a mention in its thread and follows the thread without a new mention', async () => {
    h = await startHarness();
    const root = nextTs();
    const text = `<@${BOT_USER}> d払いにログインできません`;
    await h.event({ type: 'app_mention', channel: HELP, user: USER, text, ts: root, team: TEAM });
    // Slack also sends the message.channels event of the same message: it must not answer twice.
    await h.event({ type: 'message', channel: HELP, channel_type: 'channel', user: USER, text, ts: root, team: TEAM });
    const replies = h.fake.posts(HELP);
    expect(replies.length).toBe(2);
    expect(replies.every((c) => c.args.thread_ts === root)).toBe(true);
    const conversation = `slack:${TEAM}:${USER}:${root}`;
    expect((await h.store.transcript.lines(conversation))[0]!.text).toBe('d払いにログインできません');

    await h.event({ type: 'message', channel: HELP, channel_type: 'channel', user: USER, text: 'ドコモです', ts: nextTs(), thread_ts: root, team: TEAM });
    expect(h.fake.posts(HELP, root).length).toBe(3);
    expect(sectionText(last(h, HELP))).toContain('Wi-Fi');

    // A click in the thread continues the same conversation, in the thread.
    await h.click(last(h, HELP), 'qr_0');
    expect(last(h, HELP).args.thread_ts).toBe(root);
    expect((await h.store.transcript.lines(conversation)).filter((t) => t.role === 'user').map((t) => t.text)).toEqual([
      'd払いにログインできません',
      'ドコモです',
      'wifi',
    ]);

    // Someone else talking in the thread, or a message outside any bot thread, is not answered.
    const before = h.fake.of('chat.postMessage').length;
    await h.event({ type: 'message', channel: HELP, channel_type: 'channel', user: 'U0OTHER', text: '私も', ts: nextTs(), thread_ts: root, team: TEAM });
    await h.event({ type: 'message', channel: HELP, channel_type: 'channel', user: USER, text: 'ログインできない', ts: nextTs(), team: TEAM });
    expect(h.fake.of('chat.postMessage')).toHaveLength(before);
  });
});

describe('reliability', () => {
  it('answers a retried event (same event_id, x-slack-retry-num: 1) once', async () => {
    h = await startHarness();
    const event = dm('d払いにログインできません');
    await h.event(event, { eventId: 'Ev0RETRY' });
    const posted = h.fake.of('chat.postMessage').length;
    expect(posted).toBeGreaterThan(0);
    const retry = await h.event(event, { eventId: 'Ev0RETRY', retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(h.fake.of('chat.postMessage')).toHaveLength(posted);
    expect((await h.store.transcript.lines(`slack:${TEAM}:${USER}`)).filter((t) => t.role === 'user')).toHaveLength(1);
  });

  it('logs a Web API error with its code, stays up, and answers the next message', async () => {
    h = await startHarness();
    h.fake.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    await h.event(dm('こんにちは'));
    const failure = h.logs.find((l) => l.msg === 'slack: chat.postMessage failed');
    expect(failure).toMatchObject({ method: 'chat.postMessage', error: 'channel_not_found', code: 'slack_webapi_platform_error' });
    expect(h.fake.of('chat.postMessage')).toHaveLength(1); // not retried: Slack did not ask for it

    await h.event(dm('d払いにログインできません'));
    expect(sectionText(last(h, DM))).toContain('ドコモ');
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('retries a rate-limited call after retry-after', async () => {
    h = await startHarness();
    h.fake.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } });
    await h.event(dm('こんにちは'));
    const attempts = h.fake.of('chat.postMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.args.text).toBe(attempts[1]!.args.text);
    expect(h.logs.some((l) => String(l.msg).includes('rate limit'))).toBe(true);
  });
});

describe('agents in Slack', () => {
  /** A web user asks for a person; resolves to the ticket's agent-channel message. */
  const webHandOff = async (harness: Harness, conversationId = 'web-user-1') => {
    await harness.bot.handle({ conversationId, channel: 'web', text: 'd払いにログインできません', at: Date.now() });
    const { replies } = await harness.bot.handle({ conversationId, channel: 'web', text: '人と話したい', at: Date.now() });
    const ticketId = replies.find((r) => r.meta?.handoff)?.meta?.handoff;
    expect(ticketId).toMatch(/^T-/);
    await harness.slack.idle();
    const message = harness.fake.posts(AGENT_CHANNEL).find((c) => c.args.thread_ts === undefined && JSON.stringify(c.args.blocks).includes(ticketId!));
    expect(message).toBeDefined();
    return { ticketId: ticketId!, message: message! };
  };

  it('relays a web user hand-off through the ticket thread, both ways', async () => {
    h = await startHarness({ agentChannel: AGENT_CHANNEL });
    const { ticketId, message } = await webHandOff(h);
    // The ticket, with its summary and buttons, in the agents' channel.
    expect(message.args.thread_ts).toBeUndefined();
    const summary = JSON.stringify(message.args.blocks);
    for (const part of [ticketId, 'ユーザーが担当者を希望', '通常', 'Web / 日本語', 'd払いにログインできません', '対応待ち']) expect(summary).toContain(part);
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([
      ['ticket_claim', ticketId],
      ['ticket_close', ticketId],
    ]);
    expect(message.args.text).toContain(ticketId);

    // An agent writes in the thread: it reaches the web user, and claims the ticket.
    await h.event({
      type: 'message',
      channel: AGENT_CHANNEL,
      channel_type: 'channel',
      user: 'U0AGENT',
      text: 'お待たせしました、担当の佐藤です。<https://example.jp/faq|FAQ>もご覧ください',
      ts: nextTs(),
      thread_ts: message.ts,
      team: TEAM,
    });
    const fromAgent = h.web.filter((w) => w.conversationId === 'web-user-1' && w.message.from === 'agent');
    expect(fromAgent.map((w) => w.message.text)).toEqual(['お待たせしました、担当の佐藤です。FAQ (https://example.jp/faq)もご覧ください']);
    expect(await h.store.tickets.get(ticketId)).toMatchObject({ status: 'claimed', agent: 'slack:U0AGENT', agentName: '佐藤' });
    const update = h.fake.of('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: AGENT_CHANNEL, ts: message.ts });
    expect(JSON.stringify(update.args.blocks)).toContain('対応中: 佐藤');
    expect(buttons(update).map((b) => b.action_id)).toEqual(['ticket_takeover', 'ticket_close']);
    expect(h.fake.posts(AGENT_CHANNEL, message.ts)).toHaveLength(0); // the agent's own words are not echoed

    // The user's next message appears in the thread.
    expect(await h.bot.handle({ conversationId: 'web-user-1', channel: 'web', text: 'ありがとうございます、FES1003が出ます', at: Date.now() })).toEqual({
      replies: [],
      relayed: true,
    });
    await h.slack.idle();
    const line = h.fake.posts(AGENT_CHANNEL, message.ts).at(-1)!;
    expect(sectionText(line)).toBe('*ユーザー:* ありがとうございます、FES1003が出ます');

    // The console's agent cannot answer 佐藤's ticket; after taking it over, the reply shows in the thread and closing there updates the message.
    const consoleAgent = { id: 'console-agent', name: 'console-agent' };
    await expect(h.desk.reply(ticketId, consoleAgent, 'ログを確認します')).rejects.toMatchObject({ code: 'not_owner' });
    await h.desk.claim(ticketId, consoleAgent, { takeover: true });
    await h.desk.reply(ticketId, consoleAgent, 'ログを確認します');
    await h.desk.close(ticketId, consoleAgent, 'done');
    await h.slack.idle();
    expect(sectionText(h.fake.posts(AGENT_CHANNEL, message.ts).at(-1)!)).toBe('*console-agent (コンソール):* ログを確認します');
    const closed = h.fake.of('chat.update').at(-1)!;
    expect(JSON.stringify(closed.args.blocks)).toContain('終了');
    expect(buttons(closed)).toEqual([]);

    // Writing in a closed ticket's thread tells the agent it did not reach the user.
    await h.event({
      type: 'message',
      channel: AGENT_CHANNEL,
      channel_type: 'channel',
      user: 'U0AGENT',
      text: 'まだいますか',
      ts: nextTs(),
      thread_ts: message.ts,
      team: TEAM,
    });
    expect(h.fake.of('chat.postEphemeral').at(-1)!.args).toMatchObject({ channel: AGENT_CHANNEL, user: 'U0AGENT', thread_ts: message.ts });
    expect(h.web.filter((w) => w.message.from === 'agent').map((w) => w.message.text)).not.toContain('まだいますか');
  });

  it('claims from Slack; a second claim gets a note only the agent sees; console claims show in Slack', async () => {
    h = await startHarness({ agentChannel: AGENT_CHANNEL });
    const { ticketId, message } = await webHandOff(h);
    await h.click(message, 'ticket_claim', { user: 'U0AGENT', channel: AGENT_CHANNEL });
    expect(await h.store.tickets.get(ticketId)).toMatchObject({ status: 'claimed', agent: 'slack:U0AGENT', agentName: '佐藤' });
    expect(h.web.at(-1)!.message.from).toBe('bot'); // the user is told a person joined
    await h.click(message, 'ticket_claim', { user: 'U0LATE', channel: AGENT_CHANNEL });
    const note = h.fake.of('chat.postEphemeral').at(-1)!;
    expect(note.args).toMatchObject({ channel: AGENT_CHANNEL, user: 'U0LATE' });
    expect(note.args.text).toContain('佐藤 さんが対応中');

    const second = await webHandOff(h, 'web-user-2');
    await h.desk.claim(second.ticketId, { id: 'console-agent', name: 'console-agent' });
    await h.slack.idle();
    const update = h.fake.of('chat.update').at(-1)!;
    expect(update.args.ts).toBe(second.message.ts);
    expect(JSON.stringify(update.args.blocks)).toContain('対応中: console-agent');
  });

  it('delivers an agent reply to a Slack user in their DM', async () => {
    h = await startHarness({ agentChannel: AGENT_CHANNEL });
    await h.event(dm('人と話したい'));
    const ticket = (await h.store.tickets.list('waiting'))[0]!;
    expect(ticket).toMatchObject({ channel: 'slack', conversationId: `slack:${TEAM}:${USER}` });
    const posted = h.fake.posts(AGENT_CHANNEL)[0]!;
    await h.event({
      type: 'message',
      channel: AGENT_CHANNEL,
      channel_type: 'channel',
      user: 'U0AGENT',
      text: 'こんにちは、佐藤です',
      ts: nextTs(),
      thread_ts: posted.ts,
      team: TEAM,
    });
    const toUser = h.fake.posts(DM).map(sectionText);
    expect(toUser).toContain('こんにちは、佐藤です');
    // The user's answer in the DM reaches the thread.
    await h.event(dm('よろしくお願いします'));
    expect(sectionText(h.fake.posts(AGENT_CHANNEL, posted.ts).at(-1)!)).toBe('*ユーザー:* よろしくお願いします');
  });
});

function contextText(call: ApiCall): string {
  const ctx = (call.args.blocks ?? []).find((b) => b.type === 'context') as { elements: Array<{ text: string }> } | undefined;
  return ctx?.elements.map((e) => e.text).join(' ') ?? '';
}
