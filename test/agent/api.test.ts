import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AGENTS, authAs, metaOf, post, startServer, webUser } from '../helpers/server.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ AGENT_HOURS: '00:00-23:59' });
});
afterAll(async () => server.stop());

const ALICE = authAs('alice');
const BOB = authAs('bob');
const api = (path: string) => `${server.url}/agent/api${path}`;
const get = async (path: string, headers: Record<string, string> = ALICE) => {
  const res = await fetch(api(path), { headers });
  return { status: res.status, body: await res.json() };
};

async function ticketFor(text = 'オペレーターと話したいです') {
  const u = await webUser(server.url);
  const replies = await u.say(text);
  return { ...u, ticket: metaOf(replies).handoff as string, replies };
}

describe('agent API', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-a-token-at-all' }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('refuses %s with 401', async (_name, headers) => {
    expect((await get('/tickets', headers as Record<string, string>)).status).toBe(401);
  });

  it('lists a new ticket with the summary an agent needs', async () => {
    const u = await webUser(server.url);
    await u.say('ドコモ回線でd払いにログインできない');
    await u.say('Wi-Fiです');
    const replies = await u.say('人と話したい');
    const id = metaOf(replies).handoff;
    const { body } = await get('/tickets?status=waiting');
    const t = body.tickets.find((x: { id: string }) => x.id === id);
    expect(t).toMatchObject({ status: 'waiting', channel: 'web', lang: 'ja', summary: { reason: 'asked', slots: { carrier: 'docomo', network: 'wifi' } } });
    expect(t.summary.remedies).toEqual([{ remedy: 'disable_wifi' }]);
    const one = await get(`/tickets/${id}`);
    expect(one.body.transcript.map((l: { role: string }) => l.role).slice(0, 2)).toEqual(['user', 'bot']);
  });

  it('moves a ticket waiting → claimed → closed, with 409 on a second claim and 404 for unknown ids', async () => {
    const { ticket } = await ticketFor();
    expect((await post(api(`/tickets/${ticket}/claim`), {}, ALICE)).body.ticket).toMatchObject({ status: 'claimed', agent: 'alice', agentName: 'alice' });
    const again = await post(api(`/tickets/${ticket}/claim`), {}, BOB);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: expect.stringMatching(/claimed by alice/) });
    expect((await post(api(`/tickets/${ticket}/close`), { note: '解決' }, ALICE)).body.ticket).toMatchObject({ status: 'closed', note: '解決' });
    expect((await post(api(`/tickets/${ticket}/messages`), { text: 'hello' }, ALICE)).status).toBe(409);
    expect((await post(api('/tickets/T-0000000000/claim'), {}, ALICE)).body).toMatchObject({ error: 'not_found' });
    expect((await post(api('/tickets/../../etc/claim'), {}, ALICE)).status).toBe(404);
  });

  it('says who the agent is', async () => {
    expect((await get('/me')).body).toEqual({ id: 'alice', name: 'alice', admin: false });
  });
});

describe('agent rights, enforced by the server', () => {
  /** What the user of a ticket has received from agents so far (their transcript). */
  const agentLines = async (user: string) =>
    ((await (await fetch(`${server.url}/api/history?user=${encodeURIComponent(user)}`)).json()) as { messages: { role: string; text: string }[] }).messages
      .filter((m) => m.role === 'agent')
      .map((m) => m.text);

  it('a claimed ticket: only its holder replies and closes (403 not_owner for others, nothing reaches the user); a plain claim is 409 for everyone', async () => {
    const { user, ticket } = await ticketFor();
    expect((await post(api(`/tickets/${ticket}/claim`), {}, ALICE)).status).toBe(200);
    const bobReply = await post(api(`/tickets/${ticket}/messages`), { text: 'bob here' }, BOB);
    expect(bobReply.status).toBe(403);
    expect(bobReply.body).toEqual({ error: 'not_owner', message: expect.stringContaining('alice'), agent: 'alice' });
    const bobClose = await post(api(`/tickets/${ticket}/close`), {}, BOB);
    expect(bobClose.status).toBe(403);
    expect(bobClose.body.error).toBe('not_owner');
    expect((await post(api(`/tickets/${ticket}/claim`), {}, BOB)).status).toBe(409);
    expect((await post(api(`/tickets/${ticket}/claim`), {}, ALICE)).status).toBe(409); // the holder included
    expect(await agentLines(user)).toEqual([]);
    expect((await get(`/tickets/${ticket}`)).body.ticket).toMatchObject({ status: 'claimed', agent: 'alice' });
    expect((await post(api(`/tickets/${ticket}/messages`), { text: 'alice here' }, ALICE)).status).toBe(200);
    expect(await agentLines(user)).toEqual(['alice here']);
    expect((await post(api(`/tickets/${ticket}/close`), {}, ALICE)).status).toBe(200);
  });

  it('a take-over moves the ticket to the new agent, who then holds every right, and the events say so', async () => {
    const { user, ticket } = await ticketFor();
    await post(api(`/tickets/${ticket}/claim`), {}, ALICE);
    const taken = await post(api(`/tickets/${ticket}/claim`), { takeover: true }, BOB);
    expect(taken.status).toBe(200);
    expect(taken.body.ticket).toMatchObject({ status: 'claimed', agent: 'bob' });
    expect((await post(api(`/tickets/${ticket}/messages`), { text: 'alice again' }, ALICE)).status).toBe(403);
    expect((await post(api(`/tickets/${ticket}/messages`), { text: 'bob here' }, BOB)).status).toBe(200);
    expect(await agentLines(user)).toEqual(['bob here']);
    const { events } = (await get(`/tickets/${ticket}`)).body.ticket;
    expect(events.map((e: any) => e.type)).toEqual(['opened', 'claimed', 'taken_over']);
    expect(events[2]).toMatchObject({ type: 'taken_over', agent: 'bob', from: 'alice', at: expect.any(Number) });
    expect((await post(api(`/tickets/${ticket}/close`), {}, BOB)).status).toBe(200);
    expect((await get(`/tickets/${ticket}`)).body.ticket.events.at(-1)).toMatchObject({ type: 'closed', agent: 'bob' });
  });

  it('a waiting ticket: a first reply claims it; any agent may close it (declining); a take-over of it is a plain claim', async () => {
    const a = await ticketFor();
    expect((await post(api(`/tickets/${a.ticket}/messages`), { text: 'first' }, BOB)).status).toBe(200);
    expect((await get(`/tickets/${a.ticket}`)).body.ticket).toMatchObject({ status: 'claimed', agent: 'bob' });
    const b = await ticketFor();
    expect((await post(api(`/tickets/${b.ticket}/close`), { note: 'declined' }, ALICE)).body.ticket).toMatchObject({ status: 'closed' });
    const c = await ticketFor();
    expect((await post(api(`/tickets/${c.ticket}/claim`), { takeover: true }, ALICE)).body.ticket).toMatchObject({ status: 'claimed', agent: 'alice' });
    expect((await get(`/tickets/${c.ticket}`)).body.ticket.events.map((e: any) => e.type)).toEqual(['opened', 'claimed']);
  });

  it.each([
    ['closed', async (ticket: string) => void (await post(api(`/tickets/${ticket}/close`), {}, ALICE))],
    ['cancelled', async (_ticket: string, say: (t: string) => Promise<unknown>) => void (await say('キャンセル'))],
  ])('a %s ticket: every action is 409', async (status, end) => {
    const { ticket, say } = await ticketFor();
    await end(ticket, say);
    expect((await get(`/tickets/${ticket}`)).body.ticket.status).toBe(status);
    for (const [path, body] of [
      ['claim', {}],
      ['claim', { takeover: true }],
      ['messages', { text: 'hi' }],
      ['close', {}],
    ] as const) {
      const res = await post(api(`/tickets/${ticket}/${path}`), body, BOB);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(409);
      expect(res.body.error).toBe('conflict');
    }
  });
  it('validates bodies', async () => {
    const { ticket } = await ticketFor();
    expect((await post(api(`/tickets/${ticket}/messages`), { text: '' }, ALICE)).status).toBe(400);
    expect((await post(api(`/tickets/${ticket}/messages`), '{oops', ALICE)).status).toBe(400);
    expect((await get('/tickets?status=bogus')).status).toBe(400);
  });

  it('opens one ticket per conversation however often the user asks', async () => {
    const u = await webUser(server.url);
    const first = metaOf(await u.say('担当者と話せますか')).handoff;
    await u.say('キャンセル');
    const second = metaOf(await u.say('やっぱり人と話したい')).handoff;
    expect(second).not.toBe(first);
    const third = metaOf(await u.say('オペレーターお願いします')).handoff;
    expect(third).toBe(second); // while waiting, messages go to the queue; the notice names the open ticket
    const open = (await get('/tickets')).body.tickets.filter((t: any) => t.conversationId === u.user && ['waiting', 'claimed'].includes(t.status));
    expect(open).toHaveLength(1);
  });
});

describe('relay', () => {
  it('carries messages both ways over a real websocket and hands back to the bot on close', async () => {
    const { user, ticket } = await ticketFor();
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(user)}`);
    const frames: any[] = [];
    ws.on('message', (d) => frames.push(JSON.parse((d as Buffer).toString())));
    await new Promise((r) => ws.once('open', r));
    const until = async (pred: (f: any) => boolean) => {
      for (let i = 0; i < 100 && !frames.some(pred); i++) await new Promise((r) => setTimeout(r, 20));
      return frames.find(pred);
    };

    await post(api(`/tickets/${ticket}/claim`), {}, ALICE);
    expect(await until((f) => f.text?.includes('担当者が参加'))).toMatchObject({ id: expect.any(Number), lang: 'ja' });
    const sent = await post(api(`/tickets/${ticket}/messages`), { text: '担当の佐藤です。エラーコードは出ていますか？' }, ALICE);
    expect(sent.body).toEqual({ ok: true, id: expect.any(Number), delivered: true });
    expect(await until((f) => f.from === 'agent')).toMatchObject({ text: '担当の佐藤です。エラーコードは出ていますか？' });

    ws.send(JSON.stringify({ type: 'message', text: 'FES1003です' }));
    for (let i = 0; i < 50; i++) {
      const t = (await get(`/tickets/${ticket}`)).body.transcript;
      if (t.some((l: any) => l.text === 'FES1003です')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const transcript = (await get(`/tickets/${ticket}`)).body.transcript;
    expect(transcript.at(-1)).toMatchObject({ role: 'user', text: 'FES1003です' });
    expect(frames.some((f) => f.type === 'message' && f.from === 'bot' && f.meta?.remedy)).toBe(false); // the bot stayed silent

    await post(api(`/tickets/${ticket}/close`), { note: 'ok' }, ALICE);
    expect(await until((f) => f.text?.includes('ボットがお手伝い'))).toBeTruthy();
    const back = await webUser(server.url).then(() => post(`${server.url}/api/messages`, { type: 'message', text: 'd払いにログインできない', user }));
    expect(metaOf(back.body).ask).toBe('carrier');
    ws.close();
  });

  it('keeps agent messages for a user who is offline, in the history', async () => {
    const { user, ticket } = await ticketFor();
    const sent = await post(api(`/tickets/${ticket}/messages`), { text: '後ほどご確認ください' }, BOB);
    expect(sent.body.delivered).toBe(false);
    const history = await fetch(`${server.url}/api/history?user=${encodeURIComponent(user)}`).then((r) => r.json());
    expect(history.messages.at(-1)).toMatchObject({ role: 'agent', text: '後ほどご確認ください' });
  });

  it('streams new tickets to agents (SSE)', async () => {
    const controller = new AbortController();
    const res = await fetch(api(`/events?token=${AGENTS.alice}`), { signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const { ticket } = await ticketFor();
    let text = '';
    while (!text.includes(ticket)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: ticket');
    controller.abort();
    expect((await fetch(api('/events?token=wrong'))).status).toBe(401);
  });
});
