/**
 * GET /agent/api/analytics against the real server, with outcome events
 * inserted through the store: a known week whose figures a support team can
 * check by hand (containment of one day, a filter, the period before, CSV).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/handoff/hours.js';
import { SEED, episode } from '../helpers/analytics-fixture.js';
import { authAs, startServer } from '../helpers/server.js';

let server: Awaited<ReturnType<typeof startServer>>;
const ALICE = authAs('alice');
const api = (query: string) => `${server.url}/agent/api/analytics${query}`;
const get = async (query: string, headers: Record<string, string> = ALICE) => {
  const res = await fetch(api(query), { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
};
const json = async (query: string) => {
  const r = await get(query);
  expect(r.status, r.text).toBe(200);
  return JSON.parse(r.text);
};

beforeAll(async () => {
  server = await startServer();
  await server.core.store.tx((r) => r.events.add(SEED));
});
afterAll(async () => server.stop());

describe('analytics API', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-a-token-at-all' }],
  ])('refuses %s with 401', async (_name, headers) => {
    const r = await get('?from=2026-11-10&to=2026-11-11', headers);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text).error).toBe('unauthorized');
  });

  it('counts a known period: episodes, outcomes, containment, days in Tokyo time', async () => {
    const r = await json('?from=2026-11-10&to=2026-11-11');
    expect(r).toMatchObject({ from: '2026-11-10', to: '2026-11-11', channel: null, lang: null });
    expect(r).toMatchObject({ conversations: 5, resolved_by_bot: 2, handed_off: 2, abandoned: 1, containment_rate: 0.4 });
    expect(r.by_day).toEqual([
      expect.objectContaining({ day: '2026-11-10', conversations: 4, resolved_by_bot: 1, handed_off: 2, abandoned: 1, containment_rate: 0.25 }),
      // Episode E started at 00:30 in Tokyo: the 11th, though it was still the 10th in UTC.
      expect.objectContaining({ day: '2026-11-11', conversations: 1, resolved_by_bot: 1, handed_off: 0, containment_rate: 1, csat_average: 2 }),
    ]);
    expect(r.messages).toBe(7);
    expect(r.misunderstood_rate).toBe(0.2857); // 2 of 7 messages
    expect(r.misunderstood_kinds).toEqual({ out_of_scope: 1, unread_answer: 1 });
    // What users came about: each episode's first intent (D's later out_of_scope message is no episode of its own).
    expect(r.intents).toEqual({ login_failed: 2, wifi_login: 1, human_agent: 1, app_outdated: 1 });
  });

  it('counts intents by what users came about: answers such as はい in an episode do not outnumber its first intent', async () => {
    await server.core.store.tx((r) =>
      r.events.add(
        episode('Y', Date.UTC(2026, 9, 1, 3), 'web', 'ja', [
          ['episode_start', 'login_failed'],
          ['message', 'login_failed'],
          ['message', 'affirm'],
          ['message', 'affirm'],
          ['message', 'deny'],
          ['message', 'out_of_scope'],
          ['misunderstood', 'out_of_scope'],
        ]),
      ),
    );
    const r = await json('?from=2026-10-01&to=2026-10-01');
    expect(r.intents).toEqual({ login_failed: 1 });
    expect(r).toMatchObject({ messages: 5, misunderstood: 1, misunderstood_rate: 0.2 }); // still per message
  });

  it('reports satisfaction overall and for the bot and agents apart', async () => {
    const { csat } = await json('?from=2026-11-10&to=2026-11-11');
    expect(csat).toMatchObject({ responses: 3, average: 3.67, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 }, response_rate: 1 });
    expect(csat.bot).toMatchObject({ responses: 2, average: 3.5, response_rate: 1 });
    expect(csat.agent).toMatchObject({ responses: 1, average: 4, distribution: { '4': 1 } });
  });

  it('reports remedies given and worked, hand-off reasons and agents’ median times', async () => {
    const r = await json('?from=2026-11-10&to=2026-11-11');
    expect(r.remedies).toEqual({
      recreate_account: { given: 0, answered: 0, worked: 0 },
      disable_wifi: { given: 1, answered: 1, worked: 1 },
      update_app_os: { given: 1, answered: 1, worked: 1 },
      wait_retry: { given: 1, answered: 1, worked: 0 },
      contact_center: { given: 0, answered: 0, worked: 0 },
    });
    expect(r.handoff).toEqual({
      tickets: 2,
      closed: 1,
      by_reason: { asked: 1, offer_accepted: 1 },
      median_wait_s: 360,
      median_wait_bh_s: 330,
      median_handle_s: 300,
      median_handle_bh_s: 300,
    });
  });

  it('follows the dialog funnel in distinct episodes (a question asked twice counts once)', async () => {
    const { funnel } = await json('?from=2026-11-10&to=2026-11-11');
    expect(funnel.map((s: { question: string }) => s.question)).toEqual(['carrier', 'switched', 'network', 'app_version', 'resolved', 'handoff']);
    expect(funnel[0]).toEqual({ question: 'carrier', reached: 2, answered: 2, left: 0 });
    expect(funnel[2]).toEqual({ question: 'network', reached: 1, answered: 0, left: 1 });
  });

  it('a channel or language filter changes the figures', async () => {
    const web = await json('?from=2026-11-10&to=2026-11-10&channel=web');
    expect(web).toMatchObject({ channel: 'web', conversations: 3, resolved_by_bot: 1, handed_off: 1, abandoned: 1, containment_rate: 0.3333 });
    const en = await json('?from=2026-11-10&to=2026-11-10&lang=en');
    expect(en).toMatchObject({ lang: 'en', conversations: 1, resolved_by_bot: 0, handed_off: 1, containment_rate: 0 });
    expect(en.csat).toMatchObject({ responses: 1, average: 4 });
    const none = await json('?from=2026-11-10&to=2026-11-10&channel=terminal');
    expect(none).toMatchObject({ conversations: 0, containment_rate: null, misunderstood_rate: null, csat: { average: null, response_rate: null } });
  });

  it('gives the same totals for the period of the same length just before', async () => {
    const { previous } = await json('?from=2026-11-10&to=2026-11-11');
    expect(previous).toMatchObject({ from: '2026-11-08', to: '2026-11-09', conversations: 1, resolved_by_bot: 0, handed_off: 1, containment_rate: 0 });
    expect(previous.csat.average).toBeNull();
    expect(previous.handoff).toMatchObject({ tickets: 0, median_wait_s: null });
  });

  it('lists every day of the range, zeros on days without events', async () => {
    const r = await json('?from=2026-11-01&to=2026-11-12');
    expect(r.by_day).toHaveLength(12);
    expect(r.by_day[0]).toEqual({
      day: '2026-11-01',
      conversations: 0,
      resolved_by_bot: 0,
      handed_off: 0,
      abandoned: 0,
      containment_rate: null,
      messages: 0,
      misunderstood: 0,
      misunderstood_rate: null,
      csat_responses: 0,
      csat_average: null,
    });
    expect(r.by_day.map((d: { conversations: number }) => d.conversations)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 1, 1]);
  });

  it('defaults to the last 7 days, today included, in AGENT_TZ', async () => {
    const r = await json('');
    const today = dayIn('Asia/Tokyo')(Date.now());
    expect(r.to).toBe(today);
    expect(r.by_day).toHaveLength(7);
    expect(r.by_day.at(-1).day).toBe(today);
    expect(r.previous.to < r.from).toBe(true);
  });

  it.each([
    ['a day that does not exist', '?from=2026-02-30&to=2026-03-01', /from: must be a calendar day/],
    ['a date in another shape', '?from=10/11/2026', /from: must be a calendar day written YYYY-MM-DD/],
    ['from after to', '?from=2026-11-12&to=2026-11-10', /from \(2026-11-12\) is after to \(2026-11-10\)/],
    ['a range over a year', '?from=2025-01-01&to=2026-11-10', /spans 679 days; ask for 366 at most/],
    ['an unknown channel', '?channel=line', /channel: .*"web"/],
    ['an unknown language', '?lang=fr', /lang:/],
    ['an unknown format', '?format=xlsx', /format:/],
    ['an unknown parameter', '?form=2026-11-01', /form/],
    ['a repeated parameter', '?from=2026-11-01&from=2026-11-02', /from:/],
  ])('refuses %s with 400 and says why', async (_name, query, message) => {
    const r = await get(query);
    expect(r.status).toBe(400);
    const body = JSON.parse(r.text);
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(message);
  });

  it('accepts a full year (366 days) and an empty filter value as "all"', async () => {
    expect((await get('?from=2025-11-11&to=2026-11-11')).status).toBe(200);
    expect((await json('?from=2026-11-10&to=2026-11-10&channel=&lang=')).conversations).toBe(4);
  });

  it('exports CSV for a spreadsheet: BOM, one row per day, the total and the period before', async () => {
    const r = await get('?from=2026-11-10&to=2026-11-11&channel=web&format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="dbarai-analytics_2026-11-10_2026-11-11_web.csv"');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark Excel looks for
    expect(r.text.slice(1).split('\r\n')).toEqual([
      'row,day,conversations,resolved_by_bot,handed_off,abandoned,containment_rate,messages,misunderstood,misunderstood_rate,csat_responses,csat_average',
      'day,2026-11-10,3,1,1,1,0.3333,5,2,0.4,1,5',
      'day,2026-11-11,1,1,0,0,1,1,0,0,1,2',
      'total,2026-11-10..2026-11-11,4,2,1,1,0.5,6,2,0.3333,2,3.5',
      'previous,2026-11-08..2026-11-09,1,0,1,0,0,1,0,0,0,',
      '',
    ]);
  });
});

describe('analytics in /metrics', () => {
  it('exposes the last 7 days’ containment, satisfaction, remedy success and agents’ median times as gauges', async () => {
    const now = Date.now() - 3_600_000;
    await server.core.store.tx((r) =>
      r.events.add([
        ...episode('M1', now, 'web', 'ja', [
          ['episode_start', 'login_failed'],
          ['remedy_given', 'disable_wifi'],
          ['remedy_result', 'disable_wifi', 1],
          ['resolved', 'disable_wifi'],
          ['rating', 'bot', 5],
        ]),
        ...episode('M2', now, 'web', 'ja', [
          ['episode_start', 'login_failed'],
          ['remedy_given', 'disable_wifi'],
          ['remedy_result', 'disable_wifi', 0],
          ['handoff', 'asked'],
          ['ticket_claimed', undefined, 90, 45],
          ['rating', 'agent', 3],
        ]),
        ...episode('M3', now, 'slack', 'en', [
          ['episode_start', 'login_failed'],
          ['question_asked', 'carrier'],
          ['abandoned', 'carrier'],
        ]),
      ]),
    );
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^dbarai_containment_ratio\{window="7d"\} 0\.3333$/m);
    expect(text).toMatch(/^dbarai_csat_average\{by="all",window="7d"\} 4$/m);
    expect(text).toMatch(/^dbarai_csat_average\{by="agent",window="7d"\} 3$/m);
    expect(text).toMatch(/^dbarai_remedy_worked_ratio\{remedy="disable_wifi",window="7d"\} 0\.5$/m);
    expect(text).not.toMatch(/dbarai_remedy_worked_ratio\{remedy="recreate_account"\}/); // never given: no series rather than a false 0
    expect(text).toMatch(/^dbarai_ticket_wait_median_seconds\{hours="business",window="7d"\} 45$/m);
    expect(text).toMatch(/# HELP dbarai_containment_ratio .*\(last 7 days\)/);
  });
});
