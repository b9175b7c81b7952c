import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What `verify` found: a good id, one past its lifetime, or something this server never issued. */
export type IdCheck = 'ok' | 'expired' | 'invalid';

/** How many verified ids are remembered (the oldest is forgotten first). */
const VERIFIED_KEPT = 1000;

const ID = /^w_([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/**
 * Server-signed web user ids: 128 random bits, the time of issue and an HMAC
 * of both, so an id cannot be guessed, only ids this server (or another
 * instance with the same secret) issued are accepted, and an id stops working
 * `ttlMs` after it was issued (it is a bearer credential).
 */
export class WebIdentity {
  /** Ids whose signature was verified lately, with their issue time: the users talking now are not re-signed on every message. */
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new id: `w_<random>.<issued, base 36 ms>.<signature>`. */
  issue(): string {
    const body = `${randomBytes(16).toString('base64url')}.${this.now().toString(36)}`;
    return `w_${body}.${this.sign(body)}`;
  }

  /** Whether `user` is a live id this server issued. */
  check(user: unknown): IdCheck {
    if (typeof user !== 'string' || user.length > 100) return 'invalid';
    let issued = this.verified.get(user);
    if (issued === undefined) {
      const m = ID.exec(user);
      if (!m) return 'invalid';
      const body = `${m[1]}.${m[2]}`;
      // Both signatures are 43 characters (the pattern says so): compared as they are, in constant time.
      if (!timingSafeEqual(Buffer.from(m[3]!), Buffer.from(this.sign(body)))) return 'invalid';
      issued = parseInt(m[2]!, 36);
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(user, issued);
    }
    return this.now() - issued > this.ttlMs ? 'expired' : 'ok';
  }

  /** Shorthand: a live id this server issued. */
  verify(user: unknown): user is string {
    return this.check(user) === 'ok';
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
