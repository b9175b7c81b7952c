import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { artifact, hasChromium, serverAndBrowser } from '../helpers/browser.js';

/** How long to wait for what the server does (slow on a busy machine). */
const WAIT = { timeout: 15_000 };

// The agent API as it is about to be (ids, display names, events, take-over, coded errors), played by the
// test in front of the real pages and labels, so the console's handling of it is checked before the server has it.
const ctx = serverAndBrowser();

const T = 'T-00000000A1';
const minute = (n: number) => Date.UTC(2026, 11, 2, 1, n);

function comingApi() {
  const ticket: Record<string, any> = {
    id: T,
    conversationId: 'w_user',
    channel: 'web',
    lang: 'ja',
    priority: 'normal',
    status: 'claimed',
    agent: 'slack:U123',
    agentName: '佐藤',
    summary: { reason: 'asked', slots: { carrier: 'docomo' }, remedies: [], firstMessage: 'ログインできません' },
    note: null,
    createdAt: minute(0),
    updatedAt: minute(2),
    position: 0,
    events: [
      { type: 'opened', agent: null, at: minute(0) },
      { type: 'claimed', agent: 'slack:U123', agentName: '佐藤', at: minute(1) },
      { type: 'replied', agent: 'slack:U123', agentName: '佐藤', at: minute(2) },
      { type: 'replied', agent: 'slack:U123', agentName: '佐藤', at: minute(3) },
    ],
  };
  const transcript = [
    { id: 1, role: 'user', text: 'ログインできません', at: minute(0) },
    { id: 2, role: 'agent', text: '担当の佐藤です。', at: minute(2) },
    { id: 3, role: 'agent', text: '担当の佐藤です。', at: minute(3) },
  ];
  const requests: { path: string; body: unknown }[] = [];
  const listView = () => {
    const { events: _events, ...rest } = ticket;
    return rest;
  };
  let nextId = 100;
  const handle = async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname.replace('/agent/api', '');
    const body: any = request.postData() ? JSON.parse(request.postData()!) : undefined;
    requests.push({ path, body });
    if (path === '/events') return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: ': connected\n\n' });
    if (path === '/me') return route.fulfill({ json: { id: 'alice', name: 'Alice Sato', admin: false } });
    if (path === '/tickets') return route.fulfill({ json: { tickets: [listView()] } });
    if (path === `/tickets/${T}`) return route.fulfill({ json: { ticket, transcript } });
    if (path === `/tickets/${T}/claim` && body?.takeover === true) {
      Object.assign(ticket, { agent: 'alice', agentName: 'Alice Sato', updatedAt: minute(5) });
      ticket.events.push({ type: 'taken_over', agent: 'alice', agentName: 'Alice Sato', from: 'slack:U123', at: minute(5) });
      return route.fulfill({ json: { ticket: listView() } });
    }
    if (path === `/tickets/${T}/messages`) {
      const id = nextId++;
      transcript.push({ id, role: 'agent', text: body.text, at: minute(6) });
      return route.fulfill({ json: { ok: true, delivered: false, id } });
    }
    if (path === `/tickets/${T}/close`)
      return route.fulfill({ status: 403, json: { error: 'not_owner', message: `${T} は 佐藤 さんが対応を戻しました。（テスト）` } });
    return route.fulfill({ status: 404, json: { error: 'not_found', message: 'not found' } });
  };
  return { handle, requests };
}

const timeline = (page: Page) =>
  page.locator('#agent-timeline .tl-item').evaluateAll((items) => items.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent).join(' ')));

describe.skipIf(!hasChromium)('agent console with the coming agent API', () => {
  it('shows the holder by name, the timeline, offers 引き継ぐ, takes over, and answers by the rules', async () => {
    const api = comingApi();
    const page = await ctx.browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.route(/\/agent\/api\//, api.handle);
    await page.goto(`${ctx.server.url}/agent/#token=any-token`);
    await expect.poll(() => page.locator('#agent-name').textContent(), WAIT).toBe('Alice Sato');
    await page.click('#agent-tab-claimed');
    expect(await page.locator(`.ticket-item[data-id="${T}"] .ti-agent`).textContent()).toBe('佐藤');

    await page.locator(`.ticket-item[data-id="${T}"]`).click();
    await expect.poll(() => timeline(page), WAIT).toEqual(['受付', '担当 佐藤', '返信 佐藤 ×2']);
    expect(await page.locator('#agent-transcript .line-agent').count()).toBe(2); // two identical lines, two ids
    expect(await page.locator('#agent-takeover').isVisible()).toBe(true);
    expect(await page.locator('#agent-claim').isVisible()).toBe(false);
    expect(await page.locator('#agent-claim-info').textContent()).toBe(`${T} は 佐藤 さんが対応中です。`);
    expect(await page.locator('#agent-send').isDisabled()).toBe(true);
    await page.screenshot({ path: artifact('agent-console-takeover-offered.png') });

    await page.click('#agent-takeover');
    await expect.poll(() => page.locator('#agent-claim-info').textContent(), WAIT).toBe('あなたが対応中です。');
    expect(api.requests.find((r) => r.path.endsWith('/claim'))?.body).toEqual({ takeover: true });
    expect(await page.locator('#agent-takeover').isVisible()).toBe(false);
    await expect.poll(() => timeline(page), WAIT).toEqual(['受付', '担当 佐藤', '返信 佐藤 ×2', '引き継ぎ Alice Sato slack:U123 から']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe('agent-reply');

    await page.fill('#agent-reply', '引き継ぎました。');
    await page.click('#agent-send');
    await expect.poll(() => page.locator('#agent-transcript .line-agent').allTextContents(), WAIT).toHaveLength(3);
    await expect
      .poll(() => page.locator('#agent-notices .notice-text').allTextContents(), WAIT)
      .toContain('ユーザーは今オフラインです。メッセージは履歴に残り、次に開いたときに表示されます。');

    await page.click('#agent-close'); // the server refuses with a code and words of its own
    await expect.poll(() => page.locator('#agent-notices .notice-text').allTextContents(), WAIT).toContain(`${T} は 佐藤 さんが対応を戻しました。（テスト）`);
    await page.waitForTimeout(300);
    expect(await page.locator('#agent-transcript .line-agent').count()).toBe(3); // the refresh after a refusal adds nothing twice
    await page.screenshot({ path: artifact('agent-console-taken-over.png') });
    await page.close();
  });
});
