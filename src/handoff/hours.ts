import { BotError } from '../core/errors.js';
import type { AgentHours } from './types.js';

const HOURS = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;
const DAY_S = 24 * 60 * 60;

/**
 * Agents' business hours in a time zone, every day: `new BusinessHours('09:00-20:00', 'Asia/Tokyo')`.
 * An end before the start is an overnight shift (`20:00-09:00`); `00:00-24:00` is all day.
 * Uses Intl for the zone, so daylight saving and offsets are the platform's.
 * Throws a `bad_config` error naming the problem for hours it cannot run.
 */
export class BusinessHours implements AgentHours {
  /** Opening and closing, in seconds since local midnight. */
  private readonly from: number;
  private readonly to: number;
  private readonly fmt: Intl.DateTimeFormat;

  constructor(
    readonly spec: string,
    readonly timeZone: string,
  ) {
    const m = HOURS.exec(spec);
    if (!m) throw new BotError('bad_config', `hours must look like 09:00-20:00, not ${spec}`);
    const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    if (m1 > 59 || m2 > 59) throw new BotError('bad_config', `hours ${spec}: minutes run from 00 to 59`);
    if (h1 > 23 || h2 > 24 || (h2 === 24 && m2 !== 0)) throw new BotError('bad_config', `hours ${spec}: hours run from 00 to 23 (24:00 as an end)`);
    this.from = (h1 * 60 + m1) * 60;
    this.to = (h2 * 60 + m2) * 60;
    if (this.from === this.to) throw new BotError('bad_config', `hours ${spec}: the start and the end are the same (use 00:00-24:00 for all day)`);
    this.fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  }

  private get overnight(): boolean {
    return this.from > this.to;
  }

  /** Seconds since local midnight. */
  private secondOfDay(at: number): number {
    const [h, m, s] = this.fmt.format(new Date(at)).split(':').map(Number);
    return ((h ?? 0) * 60 + (m ?? 0)) * 60 + (s ?? 0);
  }

  private openAt(s: number): boolean {
    return this.overnight ? s >= this.from || s < this.to : s >= this.from && s < this.to;
  }

  isOpen(at: number): boolean {
    return this.openAt(this.secondOfDay(at));
  }

  nextOpen(): string {
    return clock(this.from);
  }

  describe(): string {
    return `${clock(this.from)}-${clock(this.to)}`;
  }

  /** Seconds of [from, to) inside business hours, walking window by window (a handful of steps a day). */
  secondsWithin(from: number, to: number): number {
    let total = 0;
    let t = from;
    for (let guard = 0; t < to && guard < 10_000; guard++) {
      const s = this.secondOfDay(t);
      const open = this.openAt(s);
      // Seconds until the state changes: the window's end while open, the next opening while closed.
      const edge = open ? this.to : this.from;
      const step = Math.max(1, edge > s ? edge - s : DAY_S - s + edge);
      const end = Math.min(to, t + step * 1000);
      if (open) total += (end - t) / 1000;
      t = end;
    }
    return Math.round(total);
  }
}

const clock = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}`;

/**
 * The calendar day (`YYYY-MM-DD`) of an instant in a time zone: analytics counts days as the support team lives them.
 *
 * @example dayIn('Asia/Tokyo')(Date.UTC(2026, 0, 1, 15)) // '2026-01-02'
 */
export function dayIn(timeZone: string): (at: number) => string {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  // Every time zone's offset is a whole number of quarter hours: within one quarter the day is the same.
  let quarter = NaN;
  let day = '';
  return (at) => {
    const q = Math.floor(at / 900_000);
    if (q !== quarter) [quarter, day] = [q, fmt.format(new Date(at))];
    return day;
  };
}
