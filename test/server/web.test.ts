import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebIdentity } from '../../src/channels/web/identity.js';
import { metaOf, post, startServer, webUser } from '../helpers/server.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const DAY = 24 * 60 * 60 * 1000;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ SESSION_SECRET: SECRET, SESSION_TTL_DAYS: '30' });
});
afterAll(async () => server.stop());

describe('health and pages', () => {
  it('reports ready with the version', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('serves the demo page and the widget with a strict CSP', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('widget.js');
    const widget = await fetch(`${server.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toContain('javascript');
  });
});

describe('webhook conversations', () => {
  it('walks a docomo Wi-Fi user to the remedy and closes when it worked', async () => {
    const u = await webUser(server.url);
    let replies = await u.say('d払いにログインできません');
    expect(metaOf(replies).ask).toBe('carrier');
    expect(replies.at(-1)!.quick_replies!.map((q) => q.payload)).toEqual(['docomo', 'other']);
    replies = await u.say('docomo');
    expect(metaOf(replies).ask).toBe('network');
    replies = await u.say('家のWi-Fiです');
    expect(metaOf(replies)).toMatchObject({ remedy: 'disable_wifi', ask: 'resolved' });
    expect(replies.map((r) => r.text).join('')).toMatch(/Wi-Fi.*オフ/);
    replies = await u.say('できました！');
    expect(replies[0]!.text).toMatch(/よかった/);
    // The rating question comes in the same batch; a rating of 5 is thanked and ends it.
    expect(metaOf(replies).ask).toBe('csat');
    expect(replies.at(-1)!.quick_replies!.map((q) => q.payload)).toEqual(['1', '2', '3', '4', '5']);
    replies = await u.say('5');
    expect(metaOf(replies).ask).toBeUndefined();
    expect(replies[0]!.text).toContain('ありがとう');
  });

  it('answers in English to an English user and never asks what the opening stated', async () => {
    const u = await webUser(server.url);
    const replies = await u.say('I moved from docomo to au and now I cannot log in to d barai');
    expect(metaOf(replies).remedy).toBe('recreate_account');
    expect(replies.some((r) => /new d account/i.test(r.text))).toBe(true);
  });

  it('opens a ticket when the user asks for a person', async () => {
    const u = await webUser(server.url);
    const replies = await u.say('オペレーターと話したいです');
    expect(metaOf(replies).handoff).toMatch(/^T-/);
    expect(replies.map((r) => r.text).join('')).toContain('担当者にも表示');
    const again = await u.say('まだですか？');
    expect(again[0]!.text).toContain(metaOf(replies).handoff);
  });

  it('keeps the transcript for the widget and refuses unsigned ids', async () => {
    const u = await webUser(server.url);
    await u.say('こんにちは');
    const res = await fetch(`${server.url}/api/history?user=${encodeURIComponent(u.user)}`);
    const body = (await res.json()) as { messages: { role: string; text: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'bot']);
    expect(body.messages[0]!.text).toBe('こんにちは');
    expect((await fetch(`${server.url}/api/history?user=w_forged`)).status).toBe(401);
  });
});

describe('bad input', () => {
  const valid = async () => (await webUser(server.url)).user;
  const cases: [string, (user: string) => unknown, number, string, RegExp][] = [
    ['invalid JSON', () => '{"type":"message",', 400, 'bad_request', /invalid JSON/],
    ['not an object', () => '[1,2,3]', 400, 'bad_request', /invalid message/],
    ['missing text', (user) => ({ type: 'message', user }), 400, 'bad_request', /text/],
    ['text not a string', (user) => ({ type: 'message', text: 42, user }), 400, 'bad_request', /text/],
    ['wrong type', (user) => ({ type: 'event', text: 'x', user }), 400, 'bad_request', /type/],
    ['unsigned user id', () => ({ type: 'message', text: 'hi', user: 'someone-else' }), 401, 'unauthorized', /unknown user/],
    ['forged signature', (user) => ({ type: 'message', text: 'hi', user: user.slice(0, -3) + 'AAA' }), 401, 'unauthorized', /unknown user/],
    ['text over 2,000 characters', (user) => ({ type: 'message', text: 'あ'.repeat(2001), user }), 413, 'too_large', /2000文字以内/],
    ['a body over 64 kB', (user) => ({ type: 'message', text: 'x', user, pad: 'y'.repeat(70_000) }), 413, 'too_large', /too large/],
  ];
  it.each(cases)('%s → %i {"error": "%s", "message": …}', async (_name, make, status, code, message) => {
    const res = await post(`${server.url}/api/messages`, make(await valid()));
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: code, message: expect.stringMatching(message) });
  });

  it('refuses an expired id with 401 session_expired (the widget then asks for a new one)', async () => {
    const issuedLongAgo = new WebIdentity(SECRET, DAY, () => Date.now() - 31 * DAY).issue();
    const res = await post(`${server.url}/api/messages`, { type: 'message', text: 'hi', user: issuedLongAgo });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('session_expired');
    expect((await fetch(`${server.url}/api/history?user=${encodeURIComponent(issuedLongAgo)}`)).status).toBe(401);
    const fresh = new WebIdentity(SECRET, DAY).issue(); // same secret, within its lifetime: accepted
    expect((await post(`${server.url}/api/messages`, { type: 'message', text: 'hi', user: fresh })).status).toBe(200);
  });

  it('answers an empty message with a gentle prompt, not an error', async () => {
    const u = await webUser(server.url);
    const replies = await u.say('   ');
    expect(replies[0]!.text).toContain('空');
  });

  it('ignores __proto__ keys and keeps the conversation intact', async () => {
    const u = await webUser(server.url);
    await u.say('d払いにログインできない');
    const res = await post(`${server.url}/api/messages`, `{"type":"message","text":"ドコモです","user":"${u.user}","__proto__":{"polluted":true}}`);
    expect(res.status).toBe(200);
    expect(metaOf(res.body).ask).toBe('network');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('websocket', () => {
  const open = (user: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(user)}`);
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  const next = (ws: WebSocket, type = 'message') =>
    new Promise<any>((resolve) => {
      const on = (data: WebSocket.RawData) => {
        const frame = JSON.parse((data as Buffer).toString());
        if (frame.type === type) {
          ws.off('message', on);
          resolve(frame);
        }
      };
      ws.on('message', on);
    });

  it('talks over a socket bound to a signed id', async () => {
    const { user } = await webUser(server.url);
    const ws = await open(user);
    const reply = next(ws);
    ws.send(JSON.stringify({ type: 'message', text: 'd払いにログインできない', user }));
    expect((await reply).text).toContain('確認');
    ws.close();
  });

  it('refuses an unsigned id at the upgrade', async () => {
    await expect(open('w_not-signed')).rejects.toThrow('401');
  });

  it('refuses frames that claim another user, and malformed frames, without closing', async () => {
    const me = await webUser(server.url);
    const other = await webUser(server.url);
    const ws = await open(me.user);
    let error = next(ws, 'error');
    ws.send(JSON.stringify({ type: 'message', text: 'hi', user: other.user }));
    expect(await error).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/another user/) });
    error = next(ws, 'error');
    ws.send('{not json');
    expect(await error).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/invalid JSON/) });
    error = next(ws, 'error');
    ws.send(JSON.stringify({ type: 'message', text: 'あ'.repeat(2001) }));
    expect(await error).toMatchObject({ error: 'too_large', message: expect.stringMatching(/2000文字以内/) });
    const reply = next(ws);
    ws.send(JSON.stringify({ type: 'message', text: 'こんにちは' }));
    expect((await reply).text).toBeTruthy();
    ws.close();
  });
});
