/**
 * Agents' business hours (spec §4: default 9:00–20:00 Asia/Tokyo,
 * configurable), and what the hand-off reply says outside them.
 */
import { describe, expect, it } from 'vitest';
import { BusinessHours } from '../../src/handoff/hours.js';
import { MemoryTicketSink } from '../../src/handoff/memory-sink.js';
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

  it.each([['9-20'], ['09:00'], ['09:00–20:00'], ['20:00-09:00'], ['09:00-09:00'], ['09:00-25:00'], ['23:00-24:30'], [''], ['nine to eight']])(
    'rejects %j',
    (spec) => {
      expect(() => new BusinessHours(spec, 'Asia/Tokyo')).toThrow();
    },
  );

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
  const deps = createBrain({ tickets, agentHours: '09:00-20:00', agentTimeZone: 'Asia/Tokyo' });

  it.each([
    ['ja', 'オペレーターと話したいです', '21:00', jst(21, 0), true],
    ['ja', 'オペレーターと話したいです', '08:59', jst(8, 59), true],
    ['ja', 'オペレーターと話したいです', '10:00', jst(10, 0), false],
    ['en', 'I want to talk to a human', '21:00', jst(21, 0), true],
    ['en', 'I want to talk to a human', '10:00', jst(10, 0), false],
  ] as const)('%s 「%s」 at %s JST: ticket opens; after-hours text %s', (lang, text, _, at, afterHours) => {
    const r = turn(deps, undefined, { conversationId: `hours-${lang}-${at}`, channel: 'web', text, at });
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

  it('an urgent case outside hours also opens a ticket and says the hours', () => {
    const r = turn(deps, undefined, { conversationId: 'hours-urgent', channel: 'web', text: 'スマホを紛失しました', at: jst(22, 0) });
    const opened = r.replies.find((x) => x.meta?.handoff);
    expect(opened?.meta?.priority).toBe('urgent');
    expect(r.replies.map((x) => x.text).join('\n')).toMatch(textPattern(deps, 'ja', 'handoff.after_hours'));
  });
});
