import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { metaOf, post, startServer, webUser } from '../helpers/server.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ RATE_LIMIT_PER_MINUTE: '20', RATE_LIMIT_IP_PER_MINUTE: '100000', ALLOWED_ORIGINS: 'https://shop.example' });
});
afterAll(async () => server.stop());

const healthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

/** A deterministic generator of hostile strings: any code point, controls, surrogates, RTL marks, NULs. */
function* randomTexts(n: number, seed = 42): Generator<string> {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pools = [
    () => String.fromCharCode(Math.floor(rand() * 0x20)), // controls
    () => String.fromCodePoint(Math.floor(rand() * 0x10ffff) & ~0x800), // anything but lone surrogates
    () => '\u202e\u200b\ufeff\u0000'[Math.floor(rand() * 4)]!,
    () => 'ｄ払いＦＥＳ１００３ドコモWi-Fi'[Math.floor(rand() * 17)]!,
    () => '<script>"\'`${}\\'[Math.floor(rand() * 13)]!,
  ];
  for (let i = 0; i < n; i++) {
    let t = '';
    const len = Math.floor(rand() * 120);
    for (let j = 0; j < len; j++) t += pools[Math.floor(rand() * pools.length)]!();
    yield t;
  }
}

describe('hostile input', () => {
  it('answers random Unicode and control characters with replies, never an error, and keeps the dialog', async () => {
    const users = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(() => webUser(server.url)));
    let i = 0;
    for (const text of randomTexts(80)) {
      const u = users[i++ % users.length]!;
      const r = await post(`${server.url}/api/messages`, { type: 'message', text, user: u.user });
      expect([200, 413]).toContain(r.status);
      if (r.status === 200) expect(Array.isArray(r.body)).toBe(true);
    }
    const u = await webUser(server.url);
    expect(metaOf(await u.say('d払いにログインできません')).ask).toBe('carrier');
    await u.say('\u0000\u202e\ufeff');
    expect(metaOf(await u.say('ドコモです')).ask).toBe('network'); // the garbage did not corrupt the conversation
    await healthy();
  });

  it.each([
    ['a 1 MB body', () => JSON.stringify({ type: 'message', text: 'x'.repeat(1 << 20), user: 'u' }), [413]],
    ['deeply nested JSON', () => '['.repeat(30_000) + ']'.repeat(30_000), [400]],
    ['nested JSON inside a valid message', () => `{"type":"message","text":"hi","user":"u","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, [400, 401]],
    ['invalid UTF-8', () => Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0xc3, 0x28, 0x7d]), [400]],
    ['a prototype-polluting body', () => '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}', [400]],
  ])('%s gets a clear error and the server stays up', async (_name, body, statuses) => {
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
    expect(statuses).toContain(res.status);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
    await healthy();
  });

  it('limits a flood from one user with 429 and Retry-After, without touching other users', async () => {
    const flooder = await webUser(server.url);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i++) {
      const r = await post(`${server.url}/api/messages`, { type: 'message', text: `こんにちは ${i}`, user: flooder.user });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true); // a burst of half a minute's allowance
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const other = await webUser(server.url);
    expect(metaOf(await other.say('d払いにログインできない')).ask).toBe('carrier');
  });

  it('limits a flood of frames on one socket with an error frame', async () => {
    const u = await webUser(server.url);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(u.user)}`);
    const frames: { type: string; retryAfter?: number }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse((d as Buffer).toString())));
    await new Promise((r) => ws.once('open', r));
    for (let i = 0; i < 15; i++) ws.send(JSON.stringify({ type: 'message', text: `hi ${i}` }));
    for (let i = 0; i < 100 && !frames.some((f) => f.type === 'error'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(frames.find((f) => f.type === 'error')?.retryAfter).toBeGreaterThanOrEqual(1);
    ws.close();
  });
});

describe('origins and headers', () => {
  it('allows CORS only for ALLOWED_ORIGINS', async () => {
    const ok = await fetch(`${server.url}/api/session`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(['/widget.js', '/widget/main.js', '/widget/widget.css', '/shared/view.js'])(
    'lets an allowed site load the widget and its modules cross-origin: %s',
    async (path) => {
      const ok = await fetch(server.url + path, { headers: { origin: 'https://shop.example' } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      if (path.endsWith('.js')) expect(ok.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      const other = await fetch(server.url + path, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('gives the agent console no CORS', async () => {
    const res = await fetch(`${server.url}/agent/js/main.js`, { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a websocket from another origin', async () => {
    const u = await webUser(server.url);
    const open = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(u.user)}`, { origin });
        ws.once('open', () => (ws.close(), resolve(101)));
        ws.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => undefined);
      });
    expect(await open('https://evil.example')).toBe(401);
    expect(await open('https://shop.example')).toBe(101);
  });

  it.each(['/', '/agent/', '/widget.js', '/widget/main.js', '/healthz', '/api/history?user=x'])('sends security headers on %s', async (path) => {
    const res = await fetch(server.url + path);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('operations', () => {
  it('exposes Prometheus metrics for turns, intents, remedies and hand-offs', async () => {
    const u = await webUser(server.url);
    await u.say('ドコモ回線でWi-Fiにつなぐとd払いにログインできません');
    await u.say('オペレーターと話したい');
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/dbarai_turns_total\{channel="web"\} \d+/);
    expect(text).toMatch(/dbarai_remedies_total\{remedy="disable_wifi"\} \d+/);
    expect(text).toMatch(/dbarai_handoffs_total\{priority="normal"\} \d+/);
    expect(text).toMatch(/dbarai_turn_seconds_bucket\{le="\+Inf"\} \d+/);
    expect(text).toMatch(/dbarai_rate_limited_total\{by="user"\} \d+/);
  });
});

describe('flood from one address', () => {
  it('answers 429 with Retry-After once an address has used its allowance', async () => {
    const small = await startServer({ RATE_LIMIT_IP_PER_MINUTE: '10' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const r = await post(`${small.url}/api/session`, {});
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${small.url}/healthz`)).status).toBe(200); // health checks are never limited
    } finally {
      await small.stop();
    }
  });
});

describe('who is the client (TRUST_PROXY)', () => {
  const sessions = async (url: string, forwardedFor: string, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await post(`${url}/api/session`, {}, { 'x-forwarded-for': forwardedFor })).status);
    return statuses;
  };

  it('keys the per-address limit on the socket address: a forged X-Forwarded-For does not escape it', async () => {
    const s = await startServer({ RATE_LIMIT_IP_PER_MINUTE: '4' });
    try {
      const statuses = [...(await sessions(s.url, '1.1.1.1', 2)), ...(await sessions(s.url, '2.2.2.2', 2))];
      expect(statuses).toEqual([200, 200, 429, 429]);
    } finally {
      await s.stop();
    }
  });

  it('with TRUST_PROXY=1, keys it on the address the proxy vouches for', async () => {
    const s = await startServer({ RATE_LIMIT_IP_PER_MINUTE: '4', TRUST_PROXY: '1' });
    try {
      expect(await sessions(s.url, '1.1.1.1', 3)).toEqual([200, 200, 429]);
      expect(await sessions(s.url, '9.9.9.9, 2.2.2.2', 2)).toEqual([200, 200]); // the last hop is the client; what it claims before is not trusted
    } finally {
      await s.stop();
    }
  });
});

describe('metrics token', () => {
  it('guards /metrics with a bearer token when METRICS_TOKEN is set', async () => {
    const s = await startServer({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      const none = await fetch(`${s.url}/metrics`);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ error: 'unauthorized' });
      expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(ok.status).toBe(200);
      const text = await ok.text();
      expect(text).toContain('dbarai_turns_total');
      expect(text).toContain('process_cpu_seconds_total'); // prom-client's process metrics come with it
      expect(text).toContain('nodejs_eventloop_lag');
    } finally {
      await s.stop();
    }
  });
});
