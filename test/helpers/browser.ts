import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { fromRoot } from '../../src/core/paths.js';

/** Debian's chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
