import { describe, expect, it } from 'vitest';
import { artifact, hasChromium, serverAndBrowser } from '../helpers/browser.js';
import { AGENTS } from '../helpers/server.js';

const ctx = serverAndBrowser();

describe.skipIf(!hasChromium)('agent console and widget together', () => {
  it('an agent claims a ticket in the console and the user sees the reply in the widget', async () => {
    const user = await ctx.browser.newPage();
    await user.goto(ctx.server.url + '/');
    await user.click('#dbarai-chat-bubble');
    await user.fill('#dbarai-chat-input', 'オペレーターと話したいです');
    await user.press('#dbarai-chat-input', 'Enter');
    await expect.poll(async () => (await user.locator('#dbarai-chat .msg-bot').allTextContents()).join('')).toMatch(/受付番号は(T-[0-9A-F]+)/);
    const ticket = /受付番号は(T-[0-9A-F]+)/.exec((await user.locator('#dbarai-chat .msg-bot').allTextContents()).join(''))![1]!;
    // A hostile message for the agent's screen.
    await user.fill('#dbarai-chat-input', '<img src=x onerror="window.__xss=1">');
    await user.press('#dbarai-chat-input', 'Enter');

    const agent = await ctx.browser.newPage({ viewport: { width: 1366, height: 800 } });
    await agent.goto(`${ctx.server.url}/agent/#token=${AGENTS.alice}`);
    await expect.poll(() => agent.locator('#agent-name').textContent()).toContain('alice');
    await agent.locator(`.ticket-item[data-id="${ticket}"]`).click();
    await expect.poll(() => agent.locator('#agent-summary').textContent()).toBeTruthy();
    await expect
      .poll(async () => (await agent.locator('#agent-transcript .line-user').allTextContents()).join('|'))
      .toContain('<img src=x onerror="window.__xss=1">');
    expect(await agent.locator('#agent-transcript img').count()).toBe(0);
    expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    await agent.click('#agent-claim');
    await expect.poll(async () => (await user.locator('#dbarai-chat .msg').allTextContents()).join('')).toContain('担当者が参加しました');
    await agent.fill('#agent-reply', '担当の佐藤です。エラーコードは表示されていますか？');
    await agent.click('#agent-send');
    await expect
      .poll(() => user.locator('#dbarai-chat .msg-agent').allTextContents())
      .toEqual([expect.stringContaining('担当の佐藤です。エラーコードは表示されていますか？')]);
    // The console shows its own line when its request is answered or its echo comes, which may be after the widget
    // shows it: wait for it here, and count again once a later line has come through the same stream.
    await expect.poll(() => agent.locator('#agent-transcript .line-agent').count()).toBe(1);
    await agent.screenshot({ path: artifact('agent-console.png') });

    await user.fill('#dbarai-chat-input', 'FES1003です');
    await user.press('#dbarai-chat-input', 'Enter');
    await expect.poll(async () => (await agent.locator('#agent-transcript .line-user').allTextContents()).join('|')).toContain('FES1003です');
    expect(await agent.locator('#agent-transcript .line-agent').count()).toBe(1); // shown once, not once per echo
    await expect.poll(() => user.locator('#dbarai-chat-typing').isHidden()).toBe(true); // no bot reply is coming: no typing dots

    await agent.fill('#agent-note', 'dアカウント再発行を案内');
    await agent.click('#agent-close');
    await expect.poll(async () => (await user.locator('#dbarai-chat .msg').allTextContents()).join('')).toContain('ボットがお手伝いします');
    await user.screenshot({ path: artifact('widget-after-handoff.png') });
  });
});
