import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { fromRoot } from '../../src/core/paths.js';
import { startServer } from './server.js';

/** Debian's chromium; never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Launches headless Chromium with the flags this machine needs (no network but loopback). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Where browser tests leave screenshots (git-ignored). */
export function artifact(name: string): string {
  const dir = fromRoot('test', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return `${dir}/${name}`;
}

/**
 * For a browser test file: a real server (always-open agent hours) and one
 * Chromium, started before the tests and stopped after. Read them inside tests.
 */
export function serverAndBrowser(env: Record<string, string> = {}) {
  const ctx = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    ctx.server = await startServer({ AGENT_HOURS: '00:00-23:59', ...env });
    if (hasChromium) ctx.browser = await launch();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}
