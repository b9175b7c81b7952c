import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, hasChromium, launch } from '../helpers/browser.js';
import { startServer } from '../helpers/server.js';

/** How long to wait for what the server does (slow on a busy machine). */
const WAIT = { timeout: 15_000 };

/** A third-party page that embeds the widget with the one documented tag. */
const shopPage = (server: string, lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Shop help</title></head>
<body><h1>Help</h1><p>Questions about your payment app?</p>
<script src="${server}/widget.js" defer data-lang="${lang}" data-color="#0b57d0" data-position="left" data-server="${server}"></script>
</body></html>`;

// Another site on its own loopback origin (a real one: Chrome lets only loopback pages load from loopback),
// listed in the bot's ALLOWED_ORIGINS; and the bot itself.
const ctx = {} as { shop: string; bot: Awaited<ReturnType<typeof startServer>>; browser: Browser };
const shop = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(shopPage(ctx.bot.url, 'en'));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  ctx.shop = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  ctx.bot = await startServer({ AGENT_HOURS: '00:00-23:59', ALLOWED_ORIGINS: ctx.shop });
  if (hasChromium) ctx.browser = await launch();
});
afterAll(async () => {
  await ctx.browser?.close();
  await ctx.bot?.stop();
  shop.close();
});

async function send(page: Page, text: string) {
  await page.fill('#dbarai-chat-input', text);
  await page.press('#dbarai-chat-input', 'Enter');
}

/** The labels a user sees on the widget's frame. */
const frameLabels = (page: Page) =>
  page.evaluate(() => ({
    title: document.querySelector('#dbarai-chat .dbc-title')?.textContent,
    placeholder: document.querySelector<HTMLInputElement>('#dbarai-chat-input')?.placeholder,
    send: document.querySelector('#dbarai-chat-send')?.textContent,
    close: document.querySelector('#dbarai-chat .dbc-close')?.getAttribute('aria-label'),
    lang: document.querySelector('#dbarai-chat')?.getAttribute('lang'),
  }));

describe.skipIf(!hasChromium)('widget embedded on another site', () => {
  it('loads its modules cross-origin from the one script tag and chats in English', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${ctx.shop}/help`);
    await page.click('#dbarai-chat-bubble');
    expect(await frameLabels(page)).toEqual({ title: 'd払い Login Support', placeholder: 'Type a message…', send: 'Send', close: 'Close chat', lang: 'en' });
    expect(await page.locator('#dbarai-chat').evaluate((el) => getComputedStyle(el).left)).toBe('20px'); // data-position="left", from widget.css

    await send(page, "I can't log in to the payment app");
    await page.locator('#dbarai-chat button.qr').first().waitFor();
    expect((await page.locator('#dbarai-chat .msg-bot').allTextContents()).join(' ')).toMatch(/carrier|docomo/i);
    await page.screenshot({ path: artifact('widget-embedded-en.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works from the keyboard: opens with Enter, answers a quick reply, closes with Escape back to the launcher', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(`${ctx.shop}/help`);
    await page.locator('#dbarai-chat-bubble').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('dbarai-chat-bubble');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#dbarai-chat-bubble', 'aria-expanded')).toBe('true');
    expect(await focused()).toBe('dbarai-chat-input');
    await page.keyboard.type("I can't log in to the payment app");
    await page.keyboard.press('Enter');
    await page.locator('#dbarai-chat button.qr').first().waitFor();
    await page.locator('#dbarai-chat button.qr').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#dbarai-chat .msg-user').count(), WAIT).toBe(2);
    expect(await focused()).toBe('dbarai-chat-input');
    await page.keyboard.press('Escape');
    expect(await page.locator('#dbarai-chat-panel').isHidden()).toBe(true);
    expect(await page.getAttribute('#dbarai-chat-bubble', 'aria-expanded')).toBe('false');
    expect(await focused()).toBe('dbarai-chat-bubble');
    await page.close();
  });

  it("switches its own labels to the conversation's language when the bot's messages say so", async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1100, height: 800 } });
    // The coming server marks each bot message with its language, on frames and in the history; until it does, the test marks the real ones.
    const langOf = (text: string) => (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text.replaceAll('d払い', '')) ? 'ja' : 'en');
    await page.routeWebSocket(/\/api\/messages/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'message' && frame.from === 'bot') frame.lang = langOf(frame.text);
        ws.send(JSON.stringify(frame));
      });
    });
    await page.route(/\/api\/history/, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const m of body.messages ?? []) if (m.role === 'bot') m.lang = langOf(m.text);
      await route.fulfill({ response, json: body });
    });
    await page.goto(ctx.bot.url + '/');
    await page.click('#dbarai-chat-bubble');
    expect(await frameLabels(page)).toMatchObject({ title: 'd払い ログインサポート', placeholder: 'メッセージを入力…', send: '送信', lang: 'ja' });
    await send(page, "Hi, I can't log in to the payment app");
    await expect
      .poll(() => frameLabels(page), WAIT)
      .toEqual({ title: 'd払い Login Support', placeholder: 'Type a message…', send: 'Send', close: 'Close chat', lang: 'en' });
    expect(await page.locator('#dbarai-chat .dbc-qrs').getAttribute('aria-label')).toBe('Suggested replies');
    await page.screenshot({ path: artifact('widget-switched-en.png') });

    // After a reload, the history's language decides before anything new is said.
    await page.reload();
    await expect.poll(() => frameLabels(page).then((l) => l.send), WAIT).toBe('Send');
    await page.close();
  });
});
