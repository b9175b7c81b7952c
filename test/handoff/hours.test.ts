/**
 * Agents' business hours (spec §4: default 9:00–20:00 Asia/Tokyo,
 * configurable), and what the hand-off reply says outside them.
 */
import { describe, expect, it } from 'vitest';
import { BusinessHours, dayIn } from '../../src/handoff/hours.js';
import { MemoryTicketSink } from '../dialog/memory-sink.js';
import { createBrain, turn } from '../../src/dialog/index.js';
import { textPattern } from '../dialog/play.js';

/** A moment given as Tokyo wall-clock time on 2025-06-10 (JST = UTC+9, no DST). */
const jst = (h: number, m = 0) => Date.UTC(2025, 5, 10, h - 9, m);

describe('BusinessHours', () => {
  const hours = new BusinessHours('09:00-20:00', 'Asia/Tokyo');

  it.each([
    ['08:59', jst(8, 59), false],
    ['09:00', jst(9, 0), true],
    ['10:00', jst(10, 0), true],
    ['19:59', jst(19, 59), true],
    ['20:00', jst(20, 0), false],
    ['21:00', jst(21, 0), false],
    ['00:30', jst(0, 30), false],
    ['03:00 (18:00 UTC the day before)', Date.UTC(2025, 5, 9, 18, 0), false],
  ])('09:00-20:00 Asia/Tokyo at %s JST → open %s', (_, at, open) => {
    expect(hours.isOpen(at)).toBe(open);
  });

  it('uses the zone, not the machine clock: 10:00 UTC is 19:00 JST (open) but 06:00 in New York (closed)', () => {
    const at = Date.UTC(2025, 5, 10, 10, 0);
    expect(new BusinessHours('09:00-20:00', 'Asia/Tokyo').isOpen(at)).toBe(true);
    expect(new BusinessHours('09:00-20:00', 'America/New_York').isOpen(at)).toBe(false);
  });

  it('describes itself and the next opening', () => {
    expect(hours.describe()).toBe('9:00-20:00');
    expect(hours.nextOpen()).toBe('9:00');
    expect(new BusinessHours('08:30-17:15', 'Asia/Tokyo').describe()).toBe('8:30-17:15');
  });

  it.each([['00:00-23:59'], ['00:00-24:00']])('%s is open at any minute but the last', (spec) => {
    const h = new BusinessHours(spec, 'Asia/Tokyo');
    for (const at of [jst(0, 0), jst(9, 0), jst(12, 0), jst(23, 58)]) expect(h.isOpen(at)).toBe(true);
  });

  it.each([['9-20'], ['09:00'], ['09:00–20:00'], ['09:00-09:00'], ['09:00-25:00'], ['23:00-24:30'], [''], ['nine to eight']])('rejects %j', (spec) => {
    expect(() => new BusinessHours(spec, 'Asia/Tokyo')).toThrow();
  });

  describe('an overnight shift (20:00-09:00)', () => {
    const night = new BusinessHours('20:00-09:00', 'Asia/Tokyo');
    it.each([
      ['19:59', jst(19, 59), false],
      ['20:00', jst(20, 0), true],
      ['23:30', jst(23, 30), true],
      ['03:00', jst(3, 0), true],
      ['08:59', jst(8, 59), true],
      ['09:00', jst(9, 0), false],
      ['12:00', jst(12, 0), false],
    ])('at %s JST → open %s', (_, at, open) => expect(night.isOpen(at)).toBe(open));
    it('describes itself', () => expect(night.describe()).toBe('20:00-9:00'));
  });

  describe("secondsWithin (agents' wait and handling times in business hours)", () => {
    it.each([
      ['inside the hours', jst(10, 0), jst(10, 30), 1800],
      ['from before opening', jst(8, 0), jst(9, 15), 900],
      ['across closing', jst(19, 50), jst(21, 0), 600],
      ['entirely outside', jst(20, 30), jst(23, 0), 0],
      ['overnight to the next morning', jst(19, 0), jst(19, 0) + (15 * 60 + 30) * 60_000, 3600 + 5400], // 19:00 → 10:30 next day
      ['a whole day', jst(0, 0), jst(0, 0) + 24 * 3600_000, 11 * 3600],
    ])('09:00-20:00, %s', (_, from, to, seconds) => expect(hours.secondsWithin(from, to)).toBe(seconds));
    it('overnight hours count the night', () => expect(new BusinessHours('20:00-09:00', 'Asia/Tokyo').secondsWithin(jst(19, 0), jst(21, 0))).toBe(3600));
  });

  it('rejects an unknown time zone', () => {
    expect(() => new BusinessHours('09:00-20:00', 'Mars/Olympus_Mons')).toThrow();
  });

  describe('regressions', () => {
    // H1: minutes past 59 are accepted ('09:75' is read as 10:15) instead of rejected.
    it.each([['09:75-20:00'], ['09:00-19:60']])('H1 rejects %j', (spec) => {
      expect(() => new BusinessHours(spec, 'Asia/Tokyo')).toThrow();
    });
  });
});

describe('hand-off outside business hours', () => {
  const tickets = new MemoryTicketSink();
  const deps = { ...createBrain({ agentHours: '09:00-20:00', agentTimeZone: 'Asia/Tokyo' }), tickets };

  it.each([
    ['ja', 'オペレーターと話したいです', '21:00', jst(21, 0), true],
    ['ja', 'オペレーターと話したいです', '08:59', jst(8, 59), true],
    ['ja', 'オペレーターと話したいです', '10:00', jst(10, 0), false],
    ['en', 'I want to talk to a human', '21:00', jst(21, 0), true],
    ['en', 'I want to talk to a human', '10:00', jst(10, 0), false],
  ] as const)('%s 「%s」 at %s JST: ticket opens; after-hours text %s', async (lang, text, _, at, afterHours) => {
    const r = await turn(deps, undefined, { conversationId: `hours-${lang}-${at}`, channel: 'web', text, at });
    const all = r.replies.map((x) => x.text).join('\n');
    const id = r.replies.find((x) => x.meta?.handoff)?.meta?.handoff;
    expect(id).toBeDefined();
    expect(id && tickets.tickets.get(id)?.open).toBe(true);
    expect(r.state.lang).toBe(lang);
    const pattern = textPattern(deps, lang, 'handoff.after_hours');
    if (afterHours) {
      expect(all).toMatch(pattern);
      expect(all).toContain('9:00-20:00');
    } else expect(all).not.toMatch(pattern);
  });

  it('an urgent case outside hours also opens a ticket and says the hours', async () => {
    const r = await turn(deps, undefined, { conversationId: 'hours-urgent', channel: 'web', text: 'スマホを紛失しました', at: jst(22, 0) });
    const opened = r.replies.find((x) => x.meta?.handoff);
    expect(opened?.meta?.priority).toBe('urgent');
    expect(r.replies.map((x) => x.text).join('\n')).toMatch(textPattern(deps, 'ja', 'handoff.after_hours'));
  });
});

describe('dayIn', () => {
  it('turns the day at midnight of the zone, for zones a quarter or half hour off UTC too, whatever it was asked before', () => {
    const tokyo = dayIn('Asia/Tokyo');
    expect([Date.UTC(2026, 0, 1, 14, 59, 59), Date.UTC(2026, 0, 1, 15), Date.UTC(2026, 0, 1, 14, 59, 59)].map(tokyo)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-01',
    ]);
    const kathmandu = dayIn('Asia/Kathmandu'); // UTC+5:45
    expect([Date.UTC(2026, 0, 1, 18, 14, 59), Date.UTC(2026, 0, 1, 18, 15), Date.UTC(2026, 0, 1, 18, 29)].map(kathmandu)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-02',
    ]);
    const newYork = dayIn('America/New_York'); // the night summer time ends: midnight is still at a quarter
    expect([Date.UTC(2026, 10, 1, 3, 59, 59), Date.UTC(2026, 10, 1, 4)].map(newYork)).toEqual(['2026-10-31', '2026-11-01']);
  });
});
