/**
 * `npx tsx bench/analytics.ts [EPISODES_A_DAY] [FILE]`: how long the analytics
 * report takes over a year of events. Seeds a year of realistic events (300
 * episodes a day by default, about 1.8 million events; several minutes) into a
 * SQLite file (kept when FILE is given, and reused on the next run), then
 * times the report for 7, 30 and 366 days, with and without filters (best of
 * 3). One line per measure on stdout; progress on stderr.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, daysFrom } from '../src/analytics/days.js';
import { readReport } from '../src/analytics/read.js';
import { dayIn } from '../src/handoff/hours.js';
import type { EventFilter } from '../src/store/repos/events.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { seedEvents } from '../test/helpers/analytics-seed.js';

const perDay = Number(process.argv[2] ?? 300);
const file = process.argv[3] ?? join(mkdtempSync(join(tmpdir(), 'dbarai-analytics-')), 'year.sqlite');
const to = '2026-11-14';
const from = addDays(to, -365);

const fresh = !existsSync(file);
const store = new SqliteStore({ file, dayOf: dayIn('Asia/Tokyo') });
if (fresh) {
  let total = 0;
  for (const [i, day] of daysFrom(from, to).entries()) {
    const events = seedEvents(day, day, perDay, i + 1);
    total += events.length;
    await store.tx((r) => r.events.add(events));
    if (i % 30 === 0) process.stderr.write(`seeding ${day}: ${total.toLocaleString()} events\n`);
  }
}

const measures: [string, EventFilter][] = [
  ['7 days', { from: addDays(to, -6), to }],
  ['30 days', { from: addDays(to, -29), to }],
  ['366 days', { from, to }],
  ['366 days, web, en', { from, to, channel: 'web', lang: 'en' }],
];
for (const [name, filter] of measures) {
  let best = Infinity;
  let conversations = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    conversations = (await readReport(store.events, filter)).conversations;
    best = Math.min(best, performance.now() - started);
  }
  process.stdout.write(`${name.padEnd(18)} ${String(Math.round(best)).padStart(6)} ms  (${conversations.toLocaleString()} conversations)\n`);
}
await store.close();
