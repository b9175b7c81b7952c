import type { AgentHours } from './types.js';

const HOURS = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

/**
 * Agents' business hours in a time zone, every day: `new BusinessHours('09:00-20:00', 'Asia/Tokyo')`.
 * Uses Intl for the zone, so daylight saving and offsets are the platform's.
 */
export class BusinessHours implements AgentHours {
  private readonly from: number;
  private readonly to: number;
  private readonly fmt: Intl.DateTimeFormat;

  constructor(
    readonly spec: string,
    readonly timeZone: string,
  ) {
    const m = HOURS.exec(spec);
    if (!m) throw new Error(`hours must look like 09:00-20:00, not ${spec}`);
    if (Number(m[2]) > 59 || Number(m[4]) > 59) throw new Error(`hours ${spec}: minutes run from 00 to 59`);
    this.from = Number(m[1]) * 60 + Number(m[2]);
    this.to = Number(m[3]) * 60 + Number(m[4]);
    if (this.from >= this.to || this.to > 24 * 60) throw new Error(`hours ${spec}: the start must come before the end, within one day`);
    this.fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /** Minutes since local midnight. */
  private minuteOfDay(at: number): number {
    const [h, m] = this.fmt.format(new Date(at)).split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  }

  isOpen(at: number): boolean {
    const m = this.minuteOfDay(at);
    return m >= this.from && m < this.to;
  }

  nextOpen(): string {
    return `${Math.floor(this.from / 60)}:${String(this.from % 60).padStart(2, '0')}`;
  }

  describe(): string {
    const t = (x: number) => `${Math.floor(x / 60)}:${String(x % 60).padStart(2, '0')}`;
    return `${t(this.from)}-${t(this.to)}`;
  }
}
