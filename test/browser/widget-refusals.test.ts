import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, hasChromium, serverAndBrowser } from '../helpers/browser.js';

/** How long to wait for what the server does (slow on a busy machine). */
const WAIT = { timeout: 15_000 };

const MAX = 100;
const ctx = serverAndBrowser({ MAX_MESSAGE_CHARS: String(MAX) });

/** Well formed, but not signed by this server: what an expired id looks like to it today. */
const STALE_ID = `w_${'A'.repeat(22)}.${'B'.repeat(43)}`;
const notice = '#dbarai-chat .dbc-notice';

async function send(page: Page, text: string) {
  await page.fill('#dbarai-chat-input', text);
  await page.press('#dbarai-chat-input', 'Enter');
}

/**
 * A page whose stored id the server will refuse, except for `passes` history requests answered as if it were
 * fine (so the id expires mid-visit, and the refusal is seen where the test wants it).
 */
async function pageWithExpiringId(passes: number) {
  const page = await ctx.browser.newPage();
  await page.addInitScript((id) => localStorage.setItem('dbarai-chat-user', id), STALE_ID);
  let left = passes;
  await page.route(/\/api\/history/, (route) => (left-- > 0 ? route.fulfill({ json: { messages: [] } }) : route.fallback()));
  const posts: number[] = [];
  page.on('response', (r) => r.request().method() === 'POST' && r.url().endsWith('/api/messages') && posts.push(r.status()));
  return { page, posts };
}

/** Keeps the widget's socket from ever working, so it falls back to the webhook. */
const noSocket = (page: Page) => page.routeWebSocket(/\/api\/messages/, (ws) => ws.close({ code: 1011 }));

const storedId = (page: Page) => page.evaluate(() => localStorage.getItem('dbarai-chat-user'));
const idIsValid = (page: Page, id: string | null) =>
  page.evaluate(async (user) => (await fetch(`/api/history?user=${encodeURIComponent(user ?? '')}`)).status, id);

describe.skipIf(!hasChromium)('widget: an expired id', () => {
  it('a refused websocket gets a new id quietly and the message goes through', async () => {
    const { page } = await pageWithExpiringId(1);
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    await send(page, 'd払いにログインできません');
    await page.locator('#dbarai-chat button.qr').first().waitFor();
    expect(await page.locator(notice).isHidden()).toBe(true);
    const id = await storedId(page);
    expect(id).not.toBe(STALE_ID);
    expect(await idIsValid(page, id)).toBe(200);
    await page.close();
  });

  it('a 401 from the webhook gets a new id and sends the message again, once', async () => {
    const { page, posts } = await pageWithExpiringId(Infinity);
    await noSocket(page);
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    await send(page, 'd払いにログインできません');
    await page.locator('#dbarai-chat button.qr').first().waitFor();
    expect(posts).toEqual([401, 200]);
    expect(await page.locator('#dbarai-chat .msg-user').allTextContents()).toEqual(['d払いにログインできません']);
    expect(await page.locator(notice).isHidden()).toBe(true);
    expect(await idIsValid(page, await storedId(page))).toBe(200);
    await page.close();
  });
});

describe.skipIf(!hasChromium)('widget: a message over the limit', () => {
  const long = 'ログインできません。'.repeat(15); // 150 characters

  it('over the websocket, comes back to the input with a notice, and a shorter one then goes through', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    await send(page, long);
    await expect.poll(() => page.locator(notice).isVisible(), WAIT).toBe(true);
    expect(await page.inputValue('#dbarai-chat-input')).toBe(long);
    expect(await page.locator('#dbarai-chat .msg-user').count()).toBe(0);
    await page.fill('#dbarai-chat-input', long.slice(0, 20));
    await page.press('#dbarai-chat-input', 'Enter');
    await expect.poll(() => page.locator('#dbarai-chat .msg-user').allTextContents(), WAIT).toEqual([long.slice(0, 20)]);
    await page.close();
  });

  it("over the websocket, shows the server's words when the error frame has them", async () => {
    const page = await ctx.browser.newPage();
    await page.routeWebSocket(/\/api\/messages/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((data) => {
        const frame = JSON.parse(String(data));
        // The coming shape of today's refusal.
        ws.send(
          JSON.stringify(frame.type === 'error' ? { type: 'error', error: 'too_large', message: `メッセージは${MAX}文字以内でお送りください。` } : frame),
        );
      });
    });
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    await send(page, long);
    await expect.poll(() => page.locator(notice).textContent(), WAIT).toBe(`メッセージは${MAX}文字以内でお送りください。`);
    expect(await page.inputValue('#dbarai-chat-input')).toBe(long);
    await page.screenshot({ path: artifact('widget-too-long.png') });
    await page.close();
  });

  it("over the webhook (413), says it is too long in the server's words", async () => {
    const page = await ctx.browser.newPage();
    await noSocket(page);
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    await send(page, long);
    await expect.poll(() => page.locator(notice).textContent(), WAIT).toContain(`${MAX}文字以内`); // the bot's own polite request
    expect(await page.inputValue('#dbarai-chat-input')).toBe(long);

    await page.route(/\/api\/messages$/, (route) => route.fulfill({ status: 413, json: { error: 'too_large', message: '長すぎます（サーバー）' } }));
    await send(page, long + '!');
    await expect.poll(() => page.locator(notice).textContent(), WAIT).toBe('長すぎます（サーバー）');
    expect(await page.inputValue('#dbarai-chat-input')).toBe(long + '!');
    expect(await page.locator('#dbarai-chat .msg-user').count()).toBe(0);
    await page.close();
  });
});
