import { describe, expect, it } from 'vitest';
import { WebIdentity } from '../../../src/channels/web/identity.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 5, 1, 3, 0);

/** An identity whose clock reads `clock.now`. */
function at(clock: { now: number }, secret = SECRET) {
  return new WebIdentity(secret, 30 * DAY, () => clock.now);
}

describe('WebIdentity', () => {
  it('issues ids of the form w_<128 random bits>.<time of issue>.<signature>, never the same twice', () => {
    const ids = new WebIdentity(SECRET, DAY, () => T0);
    const [a, b] = [ids.issue(), ids.issue()];
    expect(a).toMatch(/^w_[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(a.split('.')[1]).toBe(T0.toString(36));
    expect(b).not.toBe(a);
  });

  it('accepts an id it issued until its lifetime is over, then says it expired', () => {
    const clock = { now: T0 };
    const ids = at(clock);
    const id = ids.issue();
    expect(ids.check(id)).toBe('ok');
    expect(ids.verify(id)).toBe(true);
    clock.now = T0 + 30 * DAY; // exactly the lifetime: still good
    expect(ids.check(id)).toBe('ok');
    clock.now = T0 + 30 * DAY + 1;
    expect(ids.check(id)).toBe('expired');
    expect(ids.verify(id)).toBe(false);
  });

  it('accepts an id another instance with the same secret issued, and none from another secret', () => {
    const clock = { now: T0 };
    const id = at(clock).issue();
    expect(at(clock).check(id)).toBe('ok');
    expect(at(clock, 'another-secret-of-at-least-32-characters').check(id)).toBe('invalid');
  });

  it('still refuses a changed id, and still lets an id expire, after the real one was checked (verified ids are remembered)', () => {
    const clock = { now: T0 };
    const ids = at(clock);
    const id = ids.issue();
    expect(ids.check(id)).toBe('ok');
    const [random, issued, signature] = id.slice(2).split('.') as [string, string, string];
    expect(ids.check(`w_${random}.${(T0 + DAY).toString(36)}.${signature}`)).toBe('invalid');
    expect(ids.check(`${id}x`)).toBe('invalid');
    for (let i = 0; i < 1500; i++) expect(ids.check(ids.issue())).toBe('ok'); // more than are remembered
    expect(ids.check(id)).toBe('ok');
    clock.now = T0 + 30 * DAY + 1;
    expect(ids.check(id)).toBe('expired');
    expect(ids.check(`w_${random}.${issued}.${signature}`)).toBe('expired');
  });

  it('refuses an id whose random part, time or signature was changed', () => {
    const clock = { now: T0 };
    const ids = at(clock);
    const id = ids.issue();
    const [random, issued, signature] = id.slice(2).split('.') as [string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(ids.check(`w_${flip(random)}.${issued}.${signature}`)).toBe('invalid');
    expect(ids.check(`w_${random}.${(T0 + DAY).toString(36)}.${signature}`)).toBe('invalid'); // a later time, to live longer
    expect(ids.check(`w_${random}.${issued}.${flip(signature)}`)).toBe('invalid');
  });

  it.each([
    ['a forged id', 'w_forged'],
    ['an empty string', ''],
    ['a number', 42],
    ['undefined', undefined],
    ['an object', { user: 'w_x' }],
    ['an over-long id', `w_${'A'.repeat(22)}.${'1'.repeat(11)}.${'A'.repeat(43)}${'x'.repeat(30)}`],
  ])('refuses %s', (_, user) => {
    expect(at({ now: T0 }).check(user)).toBe('invalid');
    expect(at({ now: T0 }).verify(user)).toBe(false);
  });
});
