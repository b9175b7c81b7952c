/**
 * Two instances on one PostgreSQL database, as an operator runs them: A is
 * a child process (so that it can be killed with -9), B runs in this
 * process. Neither has AGENT_TOKENS or SESSION_SECRET: both come from the
 * shared database. Skipped, saying why, without DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { kill, metaOf, post, startProcess, startServer, tempDb } from '../helpers/server.js';
import { PG_URL, freshDatabase, pgSuite } from '../helpers/pg.js';

type Running = Awaited<ReturnType<typeof startServer>>;

/** An agent-console event stream (SSE): every event as `{event, data}`, with the time it came. */
function eventStream(url: string, token: string) {
  const events: { event: string; data: any; at: number }[] = [];
  const controller = new AbortController();
  const opened = fetch(`${url}/agent/api/events?token=${encodeURIComponent(token)}`, { signal: controller.signal }).then((res) => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
        }
      }
    })();
  });
  return { events, opened, close: () => controller.abort() };
}

/** A widget's websocket: the frames it got, and `next` to wait for one that matches. */
async function socket(url: string, user: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(user)}`);
  const frames: any[] = [];
  ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString())));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (match: (f: any) => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    for (;;) {
      const f = frames.find(match);
      if (f) return f;
      if (Date.now() > end) throw new Error(`no matching frame in ${ms} ms; got ${JSON.stringify(frames).slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ws, frames, next, send: (text: string) => ws.send(JSON.stringify({ type: 'message', text })) };
}

/** Resolves once `check` resolves true (polling); rejects after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const history = async (url: string, user: string) =>
  ((await (await fetch(`${url}/api/history?user=${encodeURIComponent(user)}`)).json()) as { messages: { role: string; text: string }[] }).messages;

describe.skipIf(!PG_URL)(pgSuite('two instances on one PostgreSQL database'), () => {
  let drop: () => Promise<void>;
  let a: { url: string; child: ChildProcess; log(): string };
  let b: Running;
  let token: string;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = () => db.drop();
    const env = { DATABASE_URL: db.url, BOT_DB: tempDb(), AGENT_HOURS: '00:00-24:00', RATE_LIMIT_PER_MINUTE: '100000' };
    // Started together: the migrations take turns under their advisory lock.
    [a, b] = await Promise.all([startProcess(env), startServer({ ...env, AGENT_TOKENS: '' })]);
    token = new URL(b.consoleUrl).hash.replace('#token=', '');
  }, 90_000);
  afterAll(async () => {
    if (a) await kill(a.child);
    await b?.stop();
    await drop?.();
  });

  it('shares the session secret and the generated agent token: an id from A is accepted by B, which continues A’s conversation', async () => {
    await until(() => a.log().includes('Agent console:'), 10_000); // printed just after the line that says it listens
    expect(a.log()).toContain(`#token=${token}`); // the same agent token printed by both
    const user = (await post(`${a.url}/api/session`, {})).body.user as string;
    const first = await post(`${a.url}/api/messages`, { type: 'message', text: 'd払いにログインできません', user });
    expect(metaOf(first.body).ask).toBe('carrier');
    const onB = await post(`${b.url}/api/messages`, { type: 'message', text: 'ドコモです', user });
    expect(onB.status).toBe(200);
    expect(metaOf(onB.body).ask).toBe('network'); // B knows what A asked
    const onA = await post(`${a.url}/api/messages`, { type: 'message', text: 'Wi-Fiです', user });
    expect(metaOf(onA.body).remedy).toBe('disable_wifi');
  });

  it('applies 12 pairs of simultaneous messages of one conversation, one sent to A and one to B, one after the other', async () => {
    const user = (await post(`${b.url}/api/session`, {})).body.user as string;
    for (let i = 1; i <= 12; i++) {
      const [toA, toB] = await Promise.all([
        post(`${a.url}/api/messages`, { type: 'message', text: `こんにちは A${i}`, user }),
        post(`${b.url}/api/messages`, { type: 'message', text: `こんにちは B${i}`, user }),
      ]);
      expect([toA.status, toB.status]).toEqual([200, 200]);
      expect(toA.body.length * toB.body.length).toBeGreaterThan(0);
    }
    const lines = await history(b.url, user);
    const said = lines.filter((l) => l.role === 'user').map((l) => l.text);
    expect([...said].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => [`こんにちは A${i + 1}`, `こんにちは B${i + 1}`])
        .flat()
        .sort(),
    );
    // Each turn's replies follow its own message: no two turns interleaved.
    expect(lines.map((l) => (l.role === 'user' ? 'u' : 'b')).join('')).toMatch(/^(ub+){24}$/);
  });

  it('a user’s socket on A gets the reply of an agent working on B; B’s event stream shows the user’s messages from A as A’s does', async () => {
    const streamA = eventStream(a.url, token);
    const streamB = eventStream(b.url, token);
    await Promise.all([streamA.opened, streamB.opened]);
    const user = (await post(`${a.url}/api/session`, {})).body.user as string;
    const widget = await socket(a.url, user);
    try {
      widget.send('人と話したいです');
      const opened = await widget.next((f) => f.type === 'message' && f.meta?.handoff);
      const ticketId = opened.meta.handoff as string;
      widget.send('まだですか？電話は090-1234-5678です');
      await widget.next((f) => f.type === 'typing' && f.done === true); // relayed to the agent
      const isLine = (e: { event: string; data: any }) => e.event === 'message' && e.data.ticketId === ticketId && e.data.role === 'user';
      await until(() => streamB.events.some(isLine) && streamA.events.some(isLine));
      const onA = streamA.events.find(isLine)!;
      const onB = streamB.events.find(isLine)!;
      expect(onB.data).toEqual(onA.data); // the same event, the same fields
      expect(onB.data.text).toBe('まだですか？電話は[phone number]です'); // masked
      expect(onB.at - onA.at).toBeLessThan(1000);
      const ticketOnA = streamA.events.find((e) => e.event === 'ticket' && e.data.id === ticketId);
      expect(streamB.events.find((e) => e.event === 'ticket' && e.data.id === ticketId)?.data).toEqual(ticketOnA?.data);

      const reply = await post(
        `${b.url}/agent/api/tickets/${ticketId}/messages`,
        { text: 'お待たせしました。担当の者です' },
        { authorization: `Bearer ${token}` },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.delivered).toBe(true); // B holds no socket of this user; A does
      const frame = await widget.next((f) => f.type === 'message' && f.from === 'agent', 1000);
      expect(frame.text).toBe('お待たせしました。担当の者です');
      expect(frame.id).toBe(reply.body.id);

      // A second tab, which the load balancer sent to B: the next reply reaches both tabs, each once.
      const tab = await socket(b.url, user);
      const again = await post(`${b.url}/agent/api/tickets/${ticketId}/messages`, { text: '確認します' }, { authorization: `Bearer ${token}` });
      expect(again.body.delivered).toBe(true);
      await tab.next((f) => f.text === '確認します', 1000);
      await widget.next((f) => f.text === '確認します', 1000);
      await new Promise((r) => setTimeout(r, 200));
      expect([widget, tab].map((w) => w.frames.filter((f) => f.text === '確認します').length)).toEqual([1, 1]);
      tab.ws.close();
    } finally {
      widget.ws.close();
      streamA.close();
      streamB.close();
    }
  });

  it('after kill -9 of A under load, B has every message A acknowledged and continues A’s conversations; A’s widgets catch up on B', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, async () => (await post(`${a.url}/api/session`, {})).body.user as string));
    const acked = new Map<string, string[]>(users.map((u) => [u, []]));
    for (const user of users) {
      const r = await post(`${a.url}/api/messages`, { type: 'message', text: 'd払いにログインできません', user });
      acked.get(user)!.push('d払いにログインできません');
      expect(metaOf(r.body).ask).toBe('carrier');
    }
    let killed = false;
    const talk = async (user: string) => {
      for (let i = 0; !killed && i < 50; i++) {
        const text = `こんにちは ${i}`;
        try {
          const r = await post(`${a.url}/api/messages`, { type: 'message', text, user });
          if (r.status === 200) acked.get(user)!.push(text);
        } catch {
          return; // A died under this request: not acknowledged
        }
      }
    };
    const load = Promise.all(users.slice(1).map(talk)); // users[0] waits at the carrier question
    await new Promise((r) => setTimeout(r, 300));
    killed = true;
    await kill(a.child);
    await load;
    for (const user of users) {
      const said = (await history(b.url, user)).filter((m) => m.role === 'user').map((m) => m.text);
      expect(said.slice(0, acked.get(user)!.length)).toEqual(acked.get(user)); // nothing acknowledged is lost
      expect(said.length - acked.get(user)!.length).toBeLessThanOrEqual(1); // at most the one in flight
    }
    // A's conversations go on on B from where they were: the carrier question was open.
    const user = users[0]!;
    expect(metaOf((await post(`${b.url}/api/messages`, { type: 'message', text: 'ドコモです', user })).body).ask).toBe('network');
    const widget = await socket(b.url, user); // the widget reconnects to the instance left
    widget.send('Wi-Fiです');
    expect((await widget.next((f) => f.type === 'message' && f.meta?.remedy)).meta.remedy).toBe('disable_wifi');
    widget.ws.close();
  });
});
