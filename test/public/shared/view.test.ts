import { describe, expect, it } from 'vitest';
import { cls, h } from '../../../public/shared/view.js';

describe('view descriptions', () => {
  it('keep text as text children, flatten lists and drop empty ones', () => {
    expect(h('p', { class: 'a' }, 'x', null, false, undefined, 0, ['y', ['z']])).toEqual({ tag: 'p', props: { class: 'a' }, children: ['x', 0, 'y', 'z'] });
  });

  it('join class names, skipping the ones whose condition is false', () => {
    const pending = false as boolean;
    expect(cls('msg', pending && 'dbc-pending', 'msg-user', null, '')).toBe('msg msg-user');
  });
});
