import { describe, expect, it } from 'vitest';
import { lineView } from '../../../../../public/agent/js/render/transcript.js';
import { agentLabels } from '../../../../helpers/labels.js';
import { one, textOf } from '../../../../helpers/view.js';

describe('transcript lines', () => {
  it('name the speaker with the shared role label and keep the text as text', () => {
    const view = lineView({ key: 'n:1', id: null, dedupe: '', role: 'user', text: '<img src=x>', at: 0, agent: null, pending: false }, agentLabels);
    expect(view.props.class).toBe('line line-user');
    expect(textOf(one(view, 'line-who'))).toBe('お客様');
    expect(one(view, 'line-text').children).toEqual(['<img src=x>']);
  });
});
