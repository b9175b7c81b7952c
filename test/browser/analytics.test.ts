/**
 * The analytics page in real Chromium, over a fortnight of seeded events on
 * every channel and language: the charts are drawn within seconds, the page
 * shows the API's figures and follows a filter, the console stays clean (no
 * script error, failed load, HTTP error or CSP report) and nothing comes from
 * another origin. Leaves test/artifacts/analytics.png (and its figures).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/analytics/days.js';
import { dayIn } from '../../src/handoff/hours.js';
import { artifact, hasChromium, serverAndBrowser } from '../helpers/browser.js';
import { seedEvents } from '../helpers/analytics-seed.js';
import { AGENTS } from '../helpers/server.js';

const ctx = serverAndBrowser();
const TOKEN = AGENTS.alice;
const CHART_COUNT = 7;

/**
 * In the page: the time since navigation started once `n` canvases have something painted on them
 * (over 500 opaque pixels), else false. Pixels are read from a copy made for reading, so the probe
 * itself makes the page warn of nothing.
 */
const whenDrawn = (n: number): number | false => {
  const painted = [...document.querySelectorAll('canvas')].filter((c) => {
    if (!c.width || !c.height) return false;
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const g = copy.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(c, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]) opaque++;
    return opaque > 500;
  });
  return painted.length >= n ? performance.now() : false;
};

describe.skipIf(!hasChromium)('analytics page in Chromium', () => {
  it('draws every chart from a fortnight of events within seconds, with a clean console and nothing from another origin', async () => {
    const today = dayIn('Asia/Tokyo')(Date.now());
    const from = addDays(today, -13);
    // Four weeks: the fortnight shown, and the one before it that the changes compare with.
    await ctx.server.core.store.tx((r) => r.events.add(seedEvents(addDays(from, -14), today, 35, 7)));
    const api = async (query: string) =>
      (await fetch(`${ctx.server.url}/agent/api/analytics?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as Promise<{
        conversations: number;
      }>;
    const all = await api(`from=${from}&to=${today}`);
    const slack = await api(`from=${from}&to=${today}&channel=slack`);
    expect(all.conversations).toBeGreaterThan(300);

    const page = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP' });
    const problems: string[] = [];
    const origins = new Set<string>();
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed load: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );

    await page.goto(`${ctx.server.url}/agent/analytics?from=${from}&to=${today}#token=${TOKEN}`);
    // Three charts drawn within 5 seconds of the navigation, then all seven.
    const drawnBy = async (n: number, timeout: number) =>
      Math.round(Number(await (await page.waitForFunction(whenDrawn, n, { timeout, polling: 100 })).jsonValue()));
    const threeMs = await drawnBy(3, 5000);
    const drawMs = await drawnBy(CHART_COUNT, 10_000);
    const drawn = CHART_COUNT;

    // The page shows the API's figures, in Japanese, and the token left the address bar.
    const conversations = page.locator('#an-headlines [data-id="conversations"] .kpi-value');
    expect(await conversations.textContent()).toBe(all.conversations.toLocaleString('ja-JP'));
    expect(await page.locator('#an-headlines .kpi').count()).toBe(8);
    expect(await page.locator('#an-period').textContent()).toContain(`${from} 〜 ${today}`);
    expect(page.url()).not.toContain('token');
    await page.waitForTimeout(400); // the charts' short animation ends before the picture
    await page.screenshot({ path: artifact('analytics.png'), fullPage: true });

    // A filter changes the figures, and the address keeps it.
    await page.selectOption('#an-channel', 'slack');
    await expect.poll(() => conversations.textContent()).toBe(slack.conversations.toLocaleString('ja-JP'));
    expect(page.url()).toContain('channel=slack');

    const timings = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => `${e.name.replace(location.origin, '')} ${Math.round(e.startTime)}+${Math.round(e.duration)}`),
    );
    writeFileSync(artifact('analytics.json'), JSON.stringify({ charts: drawn, threeMs, drawMs, problems, origins: [...origins], timings }, null, 2));
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([ctx.server.url]);
    await page.close();
  });

  it('asks for a token, refuses a wrong one, and downloads the CSV of the filter shown', async () => {
    const page = await ctx.browser.newPage({ acceptDownloads: true });
    await page.goto(`${ctx.server.url}/agent/analytics?channel=web`);
    await page.locator('#an-token').waitFor();
    await page.fill('#an-token', 'not-the-right-token');
    await page.press('#an-token', 'Enter');
    await expect.poll(() => page.locator('#an-signin-error').textContent()).toContain('トークンが正しくありません');
    await page.fill('#an-token', TOKEN);
    await page.press('#an-token', 'Enter');
    await page.locator('#an-headlines .kpi').first().waitFor();
    expect(await page.locator('#an-channel').inputValue()).toBe('web');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#an-csv')]);
    expect(download.suggestedFilename()).toMatch(/^dbarai-analytics_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_web\.csv$/);
    const csv = readFileSync(await download.path()).toString('utf8');
    expect(csv.startsWith('\uFEFFrow,day,conversations,')).toBe(true);
    expect(csv.split('\r\n').filter((l) => l.startsWith('day,'))).toHaveLength(7);
    await page.close();
  });

  it('is signed in already in a tab where the console was', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.server.url}/agent/#token=${TOKEN}`);
    await expect.poll(() => page.locator('#agent-name').textContent()).toContain('alice');
    await page.goto(`${ctx.server.url}/agent/analytics`);
    await page.locator('#an-headlines .kpi').first().waitFor();
    expect(await page.locator('#an-agent-name').textContent()).toBe('alice');
    expect(await page.locator('#an-login').isHidden()).toBe(true);
    await page.close();
  });
});
