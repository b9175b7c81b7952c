/** Conversation state helpers: expiry, ending a dialog, keeping facts and corrections (answers are read by nlu/answers.ts). */
import { describe, expect, it } from 'vitest';
import type { Slots } from '../../src/core/types.js';
import { ConversationStateSchema, STATE_TTL_MS, applyFacts, endDialog, freshState, newState } from '../../src/dialog/state.js';

const T0 = Date.UTC(2025, 5, 10, 3, 0);

describe('freshState', () => {
  const previous = () => {
    const s = newState(T0, 'en');
    s.dialog = 'troubleshoot';
    s.slots = { carrier: 'docomo' };
    s.ask = 'network';
    s.ticket = 'T0042';
    return s;
  };

  it.each([
    ['1 minute later: kept', 60_000, { carrier: 'docomo' }, 'network'],
    ['24 hours later exactly: kept', STATE_TTL_MS, { carrier: 'docomo' }, 'network'],
    ['25 hours later: forgotten', 25 * 3600_000, {}, null],
  ] as const)('%s', (_, delay, slots, ask) => {
    const s = freshState(previous(), T0 + delay);
    expect(s.slots).toEqual(slots);
    expect(s.ask).toBe(ask);
    expect(s.lang).toBe('en');
    expect(s.ticket).toBe('T0042');
  });

  it('copies: the previous state is not changed by the turn', () => {
    const p = previous();
    const s = freshState(p, T0 + 1000);
    s.slots.network = 'wifi';
    expect(p.slots.network).toBeUndefined();
  });

  it('a new state validates against the saved-state schema', () => {
    expect(ConversationStateSchema.safeParse(newState(T0)).success).toBe(true);
    expect(ConversationStateSchema.safeParse({ ...newState(T0), ask: 'password' }).success).toBe(false);
  });
});

describe('endDialog', () => {
  it('clears slots, remedies, question and counters', () => {
    const s = newState(T0);
    Object.assign(s, {
      dialog: 'troubleshoot',
      ask: 'resolved',
      slots: { carrier: 'other' },
      remedies: [{ remedy: 'wait_retry' }],
      misunderstood: 1,
      firstMessage: 'x',
      resumeAsk: 'carrier',
    });
    endDialog(s);
    expect(s).toMatchObject({ dialog: null, ask: null, slots: {}, remedies: [], misunderstood: 0 });
    expect(s.firstMessage).toBeUndefined();
    expect(s.resumeAsk).toBeUndefined();
  });
});

describe('applyFacts', () => {
  it.each<[string, Slots, Partial<Slots>, Slots, string[]]>([
    ['fills new slots', {}, { carrier: 'other', carrierRaw: 'au' }, { carrier: 'other', carrierRaw: 'au' }, ['carrier']],
    [
      'a correction changes the slot',
      { carrier: 'docomo', carrierRaw: 'docomo' },
      { carrier: 'other', carrierRaw: 'au' },
      { carrier: 'other', carrierRaw: 'au' },
      ['carrier'],
    ],
    ['the same value is not a change', { network: 'wifi' }, { network: 'wifi' }, { network: 'wifi' }, []],
    [
      'a docomo line drops switched',
      { carrier: 'other', switched: 'yes' },
      { carrier: 'docomo', carrierRaw: 'ahamo' },
      { carrier: 'docomo', carrierRaw: 'ahamo' },
      ['carrier'],
    ],
    ['other without a brand drops the old brand', { carrier: 'docomo', carrierRaw: 'docomo' }, { carrier: 'other' }, { carrier: 'other' }, ['carrier']],
    ['error_code is kept but is not a question', {}, { error_code: 'KP23002' }, { error_code: 'KP23002' }, []],
  ])('%s', (_, before, facts, after, changed) => {
    const slots = structuredClone(before);
    expect(applyFacts(slots, facts)).toEqual(changed);
    expect(slots).toEqual(after);
  });
});
