import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { fromRoot } from '../src/core/paths.js';

describe('configuration', () => {
  it('runs with no variables at all, on embedded defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      BOT_DB: './data/bot.sqlite',
      AGENT_HOURS: '09:00-20:00',
      AGENT_TZ: 'Asia/Tokyo',
      RETENTION_DAYS: 90,
    });
    expect(c.AGENT_TOKENS).toEqual([]);
    expect(c.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '' }).PORT).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ AGENT_HOURS: '9-20' }, /AGENT_HOURS: hours must look like 09:00-20:00/],
    [{ AGENT_HOURS: '09:00-09:00' }, /AGENT_HOURS: .*the same/],
    [{ AGENT_HOURS: '09:00-25:00' }, /AGENT_HOURS: hours .*24:00/],
    [{ AGENT_TOKENS: 'alice:alice-token-0123456789', AGENT_ADMINS: 'bob' }, /AGENT_ADMINS names 'bob'/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must look like postgres/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16/],
    [{ AGENT_TZ: 'Mars/Olympus' }, /AGENT_TZ must be an IANA time zone/],
    [{ AGENT_TOKENS: 'alice:short' }, /AGENT_TOKENS entry 'alice'/],
    [{ SESSION_SECRET: 'tooshort' }, /SESSION_SECRET must be at least 32/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /needs SLACK_SIGNING_SECRET .* or SLACK_APP_TOKEN/],
    [{ SLACK_BOT_TOKEN: 'abc', SLACK_SIGNING_SECRET: 'secret123' }, /SLACK_BOT_TOKEN must start with xoxb-/],
    [{ SLACK_SIGNING_SECRET: 'secret123' }, /SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every variable it reads in .env.example', () => {
    const example = readFileSync(fromRoot('.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    const read = [...readFileSync(fromRoot('src', 'config.ts'), 'utf8').matchAll(/^ {4}([A-Z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((k) => !listed.has(k))).toEqual([]);
  });
});

describe('overnight agent hours', () => {
  it('accepts an end before the start as an overnight shift, and runs with it', () => {
    expect(loadConfig({ AGENT_HOURS: '20:00-09:00' }).AGENT_HOURS).toBe('20:00-09:00');
  });
});
