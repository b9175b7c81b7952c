import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Flood control for one kind of key (a user id, a client address): 0 when a request may go on, else the seconds to wait. */
export interface Limiter {
  take(key: string): Promise<number>;
}

/** No limit (a limit of 0 in the configuration): for benchmarks and trusted gateways. */
const UNLIMITED: Limiter = { take: () => Promise.resolve(0) };

/**
 * A limiter over rate-limiter-flexible: `perMinute` requests per key a
 * minute, counted in half-minute windows (so a burst is at most half a
 * minute's allowance). Keys expire with their window, so a flood of new keys
 * cannot grow memory without bound. The store is in memory here; several
 * instances pass a shared one (PostgreSQL) so that limits hold across them.
 */
export function limiter(
  perMinute: number,
  make: (points: number, duration: number) => RateLimiterAbstract = (points, duration) => new RateLimiterMemory({ points, duration }),
): Limiter {
  if (perMinute <= 0) return UNLIMITED;
  const rl = make(Math.max(1, Math.floor(perMinute / 2)), 30);
  return {
    take: async (key) => {
      try {
        await rl.consume(key);
        return 0;
      } catch (res) {
        if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw res;
      }
    },
  };
}
