/**
 * Token buckets per key (a user id, an IP address): `perMinute` tokens a
 * minute, a burst of up to half of that. `take` answers how long to wait when
 * the bucket is empty, for a 429's Retry-After. Old buckets are swept so a
 * flood of new keys cannot grow memory without bound.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly capacity: number;
  private readonly perMs: number;
  private lastSweep = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = Math.max(1, Math.floor(perMinute / 2));
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const full = this.capacity / this.perMs; // ms for an empty bucket to refill
    for (const [key, b] of this.buckets) if (now - b.at > full) this.buckets.delete(key);
  }
}
