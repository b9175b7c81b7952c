/**
 * Socket Mode: the same channel over a WebSocket (a local fake of Slack's
 * socket server), and a start that fails without taking the process down.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { TEAM, sectionText, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
let wss: WebSocketServer | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  wss = undefined;
});

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Socket Mode', () => {
  it('answers a DM received over the socket and acknowledges the envelope', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss!.once('listening', () => resolve()));
    const acks: string[] = [];
    let socket: WebSocket | undefined;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => acks.push((JSON.parse((data as Buffer).toString()) as { envelope_id: string }).envelope_id));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' }, debug_info: { host: 'fake' } }));
    });
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    h = await startHarness({ appToken: 'xapp-1-test', answers: { 'apps.connections.open': { ok: true, url } } });
    expect(h.slack.mode).toBe('socket');
    await until(() => socket !== undefined);
    socket!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: {
          type: 'event_callback',
          team_id: TEAM,
          api_app_id: 'A0APP',
          event_id: 'EvSOCKET1',
          event_time: 1,
          event: {
            type: 'message',
            channel: 'D0SOCK',
            channel_type: 'im',
            user: 'U0USER',
            text: 'd払いにログインできません',
            ts: '1720000000.000001',
            team: TEAM,
          },
        },
      }),
    );
    await until(() => h!.fake.posts('D0SOCK').length >= 2);
    await h.slack.idle();
    expect(acks).toContain('env-1');
    expect(sectionText(h.fake.posts('D0SOCK').at(-1)!)).toContain('ドコモ');
    expect((await fetch(`${h.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404); // no HTTP endpoint in Socket Mode
  });

  it('logs a failed connection (invalid_auth) and keeps the server up', async () => {
    h = await startHarness({ appToken: 'xapp-1-test', answers: { 'apps.connections.open': { ok: false, error: 'invalid_auth' } } });
    const failure = h.logs.find((l) => String(l.msg).startsWith('slack: could not connect'));
    expect(failure).toMatchObject({ error: 'invalid_auth' });
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
