import { describe, expect, it } from 'vitest';
import { EXPLAIN, FAQ, SMALL_TALK, topicAnswerKey } from '../../dialogs/faq.js';
import { INTENTS, isLoginIntent } from '../../src/core/types.js';

describe('topicAnswerKey', () => {
  it.each([
    ['password_forgotten', 'faq.password_forgotten'],
    ['contact_support', 'faq.contact_support'],
    ['wifi_login', 'explain.wifi_login'],
    ['error_code', 'explain.error_code'],
    ['thanks', 'thanks'],
    ['deny', 'idle_deny'],
    ['out_of_scope', 'out_of_scope'],
    ['human_agent', 'out_of_scope'], // no text of its own: the engine hands a request for a person off before it looks for one
  ] as const)('%s → %s', (intent, key) => {
    expect(topicAnswerKey(intent)).toBe(key);
  });

  it('explains every login failure mid-dialog, and offers a person after the password answer only', () => {
    expect(INTENTS.filter(isLoginIntent).filter((i) => !EXPLAIN[i])).toEqual([]);
    expect(Object.entries(FAQ).filter(([, f]) => 'offerAgent' in f && f.offerAgent)).toEqual([
      ['password_forgotten', { key: 'faq.password_forgotten', offerAgent: true }],
    ]);
  });

  it('gives each intent one kind of answer: FAQ, explanation or small talk', () => {
    const kinds = [FAQ, EXPLAIN, SMALL_TALK].map((table) => new Set(Object.keys(table)));
    expect(INTENTS.filter((i) => kinds.filter((k) => k.has(i)).length > 1)).toEqual([]);
  });
});
