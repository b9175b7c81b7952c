import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, hasChromium, serverAndBrowser } from '../helpers/browser.js';
import { AGENTS } from '../helpers/server.js';

/** How long to wait for what the server does (slow on a busy machine). */
const WAIT = { timeout: 15_000 };

const ctx = serverAndBrowser();
const ALICE = AGENTS.alice;
const BOB = AGENTS.bob;

/** A widget user who asks for a person; resolves their page and ticket id. */
async function userWithTicket(browser: Browser, url: string): Promise<{ user: Page; ticket: string }> {
  const user = await browser.newPage();
  await user.goto(url + '/');
  await user.click('#dbarai-chat-bubble');
  await user.fill('#dbarai-chat-input', 'オペレーターと話したいです');
  await user.press('#dbarai-chat-input', 'Enter');
  const ticketIn = async () => /受付番号は(T-[0-9A-F]+)/.exec((await user.locator('#dbarai-chat .msg-bot').allTextContents()).join(''))?.[1];
  await expect.poll(ticketIn, WAIT).toBeTruthy();
  return { user, ticket: (await ticketIn())! };
}

async function consoleFor(token: string) {
  const agent = await ctx.browser.newPage({ viewport: { width: 1366, height: 800 } });
  await agent.goto(`${ctx.server.url}/agent/#token=${token}`);
  await agent.locator('#agent-name').filter({ hasText: /\S/ }).waitFor();
  return agent;
}

describe.skipIf(!hasChromium)('agent console with the real server', () => {
  it('shows two identical replies as two lines, and the user gets both', async () => {
    const { user, ticket } = await userWithTicket(ctx.browser, ctx.server.url);
    const agent = await consoleFor(ALICE);
    await agent.locator(`.ticket-item[data-id="${ticket}"]`).click();
    await expect.poll(() => agent.locator('#agent-send').isEnabled(), WAIT).toBe(true); // a waiting ticket: the first reply claims it
    for (let i = 0; i < 2; i++) {
      await agent.fill('#agent-reply', 'はい、確認します。');
      await agent.click('#agent-send');
      await expect.poll(() => agent.inputValue('#agent-reply'), WAIT).toBe('');
    }
    await expect.poll(() => agent.locator('#agent-transcript .line-agent:not(.is-pending)').count(), WAIT).toBe(2);
    await agent.waitForTimeout(500); // no late third copy from the stream
    expect(await agent.locator('#agent-transcript .line-agent').allTextContents()).toEqual([
      expect.stringContaining('はい、確認します。'),
      expect.stringContaining('はい、確認します。'),
    ]);
    await expect.poll(() => user.locator('#dbarai-chat .msg-agent').count(), WAIT).toBe(2);
    await agent.close();
    await user.close();
  });

  it("offers only 引き継ぐ on another agent's ticket; taking it over moves it, and the old holder is refused", async () => {
    const { user, ticket } = await userWithTicket(ctx.browser, ctx.server.url);
    const claimed = await fetch(`${ctx.server.url}/agent/api/tickets/${ticket}/claim`, { method: 'POST', headers: { authorization: `Bearer ${BOB}` } });
    expect(claimed.status).toBe(200);

    const agent = await consoleFor(ALICE);
    await agent.click('#agent-tab-claimed');
    await agent.locator(`.ticket-item[data-id="${ticket}"]`).click();
    await expect.poll(() => agent.locator('#agent-takeover').isVisible(), WAIT).toBe(true);
    expect(await agent.locator('#agent-takeover').textContent()).toBe('引き継ぐ');
    expect(await agent.locator('#agent-claim').isVisible()).toBe(false);
    expect([await agent.locator('#agent-send').isDisabled(), await agent.locator('#agent-close').isDisabled()]).toEqual([true, true]);
    expect(await agent.locator('#agent-claim-info').textContent()).toBe(`${ticket} は bob さんが対応中です。`);
    expect(await agent.getAttribute('#agent-reply', 'placeholder')).toBe('「引き継ぐ」を押すと返信できます');

    await agent.screenshot({ path: artifact('agent-console-claimed-by-other.png') });
    await agent.click('#agent-takeover');
    await expect.poll(() => agent.locator('#agent-send').isDisabled(), WAIT).toBe(false);
    await expect.poll(() => agent.locator('#agent-timeline').textContent(), WAIT).toContain('引き継ぎ');
    const ticketNow = (await (await fetch(`${ctx.server.url}/agent/api/tickets/${ticket}`, { headers: { authorization: `Bearer ${ALICE}` } })).json()) as {
      ticket: { agent: string };
    };
    expect(ticketNow.ticket.agent).toBe('alice');
    const refused = await fetch(`${ctx.server.url}/agent/api/tickets/${ticket}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOB}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'bob again' }),
    });
    expect(refused.status).toBe(403);
    await agent.close();
    await user.close();
  });

  it('links to the analytics page with the token in the fragment, and keeps it out of its own address', async () => {
    const agent = await consoleFor(ALICE);
    expect(await agent.evaluate(() => location.hash)).toBe('');
    expect(await agent.getAttribute('#agent-analytics', 'href')).toBe(`/agent/analytics#token=${ALICE}`);
    const tabs = await agent.locator('#agent-app .tab').allTextContents();
    expect(tabs.map((t) => t.replace(/[\s\d]+/g, ''))).toEqual(['対応待ち', '対応中', '終了']); // the shared status labels
    await agent.click('#agent-signout');
    expect(await agent.getAttribute('#agent-analytics', 'href')).toBe('/agent/analytics');
    await agent.close();
  });
});
