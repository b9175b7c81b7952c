import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { metaOf, post, startServer, webUser } from '../helpers/server.js';

/**
 * The scripted run of issue "Hand-off": 50 users ask for a person at once while
 * 5 agents claim and answer. Every ticket is created once; every agent message
 * reaches its user once and in order.
 */
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    AGENT_HOURS: '00:00-23:59',
    AGENT_TOKENS: [1, 2, 3, 4, 5].map((n) => `agent${n}:agent-token-${n}-0123456789`).join(','),
  });
});
afterAll(async () => server.stop());

it('50 users, 5 agents: one ticket each, every message once and in order', async () => {
  const USERS = 50;
  const MESSAGES = 3;
  const users = await Promise.all(Array.from({ length: USERS }, () => webUser(server.url)));
  const received = new Map<string, string[]>(users.map((u) => [u.user, []]));
  const sockets = await Promise.all(
    users.map(
      (u) =>
        new Promise<WebSocket>((resolve) => {
          const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/messages?user=${encodeURIComponent(u.user)}`);
          ws.on('message', (d) => {
            const f = JSON.parse((d as Buffer).toString());
            if (f.from === 'agent') received.get(u.user)!.push(f.text);
          });
          ws.once('open', () => resolve(ws));
        }),
    ),
  );

  const opened = await Promise.all(users.map((u) => u.say('人と話したいです').then((r) => metaOf(r).handoff as string)));
  expect(new Set(opened).size).toBe(USERS);

  const byTicket = new Map<string, string>();
  const claimedBy = new Map<string, string>();
  const agent = async (n: number) => {
    const headers = { authorization: `Bearer agent-token-${n}-0123456789` };
    for (;;) {
      const list = (await fetch(`${server.url}/agent/api/tickets?status=waiting`, { headers }).then((r) => r.json())) as {
        tickets: { id: string; conversationId: string }[];
      };
      if (list.tickets.length === 0) return;
      for (const t of list.tickets) {
        const claim = await post(`${server.url}/agent/api/tickets/${t.id}/claim`, {}, headers);
        if (claim.status === 409) continue; // another agent was first
        expect(claim.status).toBe(200);
        expect(claimedBy.has(t.id)).toBe(false);
        claimedBy.set(t.id, `agent${n}`);
        byTicket.set(t.id, t.conversationId);
        for (let m = 1; m <= MESSAGES; m++) {
          const sent = await post(`${server.url}/agent/api/tickets/${t.id}/messages`, { text: `${t.id} message ${m}` }, headers);
          expect(sent.body.delivered).toBe(true);
        }
        await post(`${server.url}/agent/api/tickets/${t.id}/close`, { note: 'done' }, headers);
      }
    }
  };
  await Promise.all([1, 2, 3, 4, 5].map(agent));

  expect(claimedBy.size).toBe(USERS);
  expect(new Set(claimedBy.values()).size).toBeGreaterThan(1); // the work was shared
  for (let i = 0; i < 50 && [...received.values()].some((r) => r.length < MESSAGES); i++) await new Promise((r) => setTimeout(r, 20));
  for (const [ticket, user] of byTicket) {
    expect(received.get(user)).toEqual(Array.from({ length: MESSAGES }, (_, m) => `${ticket} message ${m + 1}`));
  }
  const all = (await fetch(`${server.url}/agent/api/tickets`, { headers: { authorization: 'Bearer agent-token-1-0123456789' } }).then((r) => r.json())) as {
    tickets: { status: string }[];
  };
  expect(all.tickets.filter((t) => t.status === 'closed')).toHaveLength(USERS);
  for (const ws of sockets) ws.close();
});
