import { describe, expect, it } from 'vitest';
import { linkWithToken, tokenInHash } from '../../../../public/agent/js/session.js';

describe('the token in links', () => {
  it('reads #token=… and writes it the same way', () => {
    expect(tokenInHash('#token=abc%2Bdef')).toBe('abc+def');
    expect(tokenInHash(linkWithToken('/agent/analytics', 'a+b/c').split('/agent/analytics')[1]!)).toBe('a+b/c');
    expect([tokenInHash(''), tokenInHash('#other=1'), tokenInHash('#token=')]).toEqual([null, null, null]);
    expect(linkWithToken('/agent/analytics', null)).toBe('/agent/analytics');
  });
});
