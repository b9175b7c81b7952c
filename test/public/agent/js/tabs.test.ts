import { describe, expect, it } from 'vitest';
import { tabMove } from '../../../../public/agent/js/tabs.js';

describe('tab keys', () => {
  it('move with the arrows (wrapping), Home and End, and ignore other keys', () => {
    expect([tabMove('ArrowRight', 0, 4), tabMove('ArrowRight', 3, 4), tabMove('ArrowLeft', 0, 4)]).toEqual([1, 0, 3]);
    expect([tabMove('Home', 2, 4), tabMove('End', 1, 4), tabMove('Enter', 1, 4)]).toEqual([0, 3, null]);
  });
});
