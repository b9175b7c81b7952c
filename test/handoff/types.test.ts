import { describe, expect, it } from 'vitest';
import { isOpen, type TicketStatus } from '../../src/handoff/types.js';

describe('isOpen', () => {
  it.each<[TicketStatus, boolean]>([
    ['waiting', true],
    ['claimed', true],
    ['closed', false],
    ['cancelled', false],
  ])('%s → %s', (status, open) => {
    expect(isOpen(status)).toBe(open);
  });
});
