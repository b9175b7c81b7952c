import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Server-signed web user ids: 128 random bits and an HMAC of them, so an id
 * cannot be guessed and only ids this server issued are accepted.
 */
export class WebIdentity {
  constructor(private readonly secret: string) {}

  /** A new id: `w_<random>.<signature>`. */
  issue(): string {
    const id = randomBytes(16).toString('base64url');
    return `w_${id}.${this.sign(id)}`;
  }

  /** Whether `user` is an id this server issued. */
  verify(user: unknown): user is string {
    if (typeof user !== 'string' || user.length > 100) return false;
    const m = /^w_([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(user);
    if (!m) return false;
    const expected = Buffer.from(this.sign(m[1]!));
    const given = Buffer.from(m[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }
}
