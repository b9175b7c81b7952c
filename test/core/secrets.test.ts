import { describe, expect, it } from 'vitest';
import { bearer, sameSecret } from '../../src/core/secrets.js';

describe('sameSecret', () => {
  it('is true only for the same secret', () => {
    expect(sameSecret('alice-token-0123456789', 'alice-token-0123456789')).toBe(true);
    expect(sameSecret('alice-token-0123456788', 'alice-token-0123456789')).toBe(false);
    expect(sameSecret('Alice-token-0123456789', 'alice-token-0123456789')).toBe(false);
  });

  it('compares secrets of different lengths without throwing (both are hashed first)', () => {
    expect(sameSecret('short', 'alice-token-0123456789')).toBe(false);
    expect(sameSecret('alice-token-0123456789-and-more', 'alice-token-0123456789')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });

  it('refuses a missing secret, even against an empty one', () => {
    expect(sameSecret(undefined, 'alice-token-0123456789')).toBe(false);
    expect(sameSecret(undefined, '')).toBe(false);
  });
});

describe('bearer', () => {
  it.each([
    ['Bearer abc-123', 'abc-123'],
    ['Bearer  abc-123  ', 'abc-123'],
    ['Bearer ', ''],
    ['bearer abc-123', undefined],
    ['Basic YWxpY2U6c2VjcmV0', undefined],
    ['abc-123', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, token) => {
    expect(bearer(header)).toBe(token);
  });
});
