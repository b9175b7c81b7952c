import { describe, expect, it } from 'vitest';
import { fill, label, phrase } from '../../../../public/agent/js/labels.js';
import { agentLabels } from '../../../helpers/labels.js';

describe('agent labels', () => {
  it('label a value from /agent/labels.json, or show the value itself when it is not there', () => {
    expect(label(agentLabels, 'status', 'waiting')).toBe('対応待ち');
    expect(label(agentLabels, 'value.carrier', 'docomo')).toBe('ドコモ回線');
    expect(label(agentLabels, 'value.carrier', 'rakuten')).toBe('rakuten');
    expect(label(agentLabels, 'status', 'toString')).toBe('toString');
    expect(label(agentLabels, 'status', null)).toBeNull();
  });

  it('fill placeholders and leave unknown ones', () => {
    expect(phrase(agentLabels, 'refusal.not_owner', { id: 'T-1', agent: 'bob' })).toBe('T-1 は bob さんが対応中です。「引き継ぐ」で担当を移せます。');
    expect(fill('{id} / {missing}', { id: 'T-1' })).toBe('T-1 / {missing}');
    expect(phrase({}, 'refusal.claimed')).toBe('refusal.claimed');
  });
});
