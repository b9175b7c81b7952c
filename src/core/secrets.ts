import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret someone presented equals the expected one, in constant time
 * (both are hashed first, so neither their contents nor their lengths leak
 * through timing). Every token comparison of the bot goes through here, except
 * web ids' signatures: their length is public (43 characters), so
 * `WebIdentity` compares them directly in constant time, without the hashes.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an `Authorization: Bearer …` header, if any. */
export function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
