import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, hasChromium, serverAndBrowser } from '../helpers/browser.js';

const ctx = serverAndBrowser();

const botTexts = (page: Page) => page.locator('#dbarai-chat .msg-bot').allTextContents();
async function send(page: Page, text: string) {
  await page.fill('#dbarai-chat-input', text);
  await page.press('#dbarai-chat-input', 'Enter');
}

describe.skipIf(!hasChromium)('web widget in Chromium', () => {
  it('completes a troubleshooting conversation by clicking and typing, and keeps it across a reload', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    await expect.poll(() => page.locator('#dbarai-chat-input').isVisible()).toBe(true);

    await send(page, 'd払いにログインできません');
    await page.locator('#dbarai-chat button.qr', { hasText: 'ドコモ' }).first().waitFor();
    expect((await botTexts(page)).join('')).toContain('回線');
    await page.locator('#dbarai-chat button.qr', { hasText: 'ドコモ' }).first().click();
    await page.locator('#dbarai-chat button.qr', { hasText: 'Wi-Fi' }).waitFor();
    await send(page, '家のWi-Fiにつないでます');
    await expect.poll(async () => (await botTexts(page)).join('')).toMatch(/Wi-Fiをオフ/);
    await page.screenshot({ path: artifact('widget.png') });

    const before = await page.locator('#dbarai-chat .msg').count();
    await page.reload();
    await page.click('#dbarai-chat-bubble').catch(() => undefined); // may already be open after the reload
    await expect.poll(() => page.locator('#dbarai-chat .msg-user').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#dbarai-chat .msg').count()).toBeGreaterThanOrEqual(before - 1);
    expect((await page.locator('#dbarai-chat .msg-user').allTextContents()).join('|')).toContain('家のWi-Fiにつないでます');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a hostile message as text: no element is made and no script runs', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(ctx.server.url + '/');
    await page.click('#dbarai-chat-bubble');
    const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await send(page, hostile);
    await expect.poll(() => page.locator('#dbarai-chat .msg-bot').count()).toBeGreaterThan(1);
    expect(await page.locator('#dbarai-chat .msg-user').last().textContent()).toContain('<img src=x');
    expect(await page.locator('#dbarai-chat img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });
});
