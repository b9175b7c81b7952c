/**
 * The troubleshooting dialog's flow (spec §2–3): the engine walks it through
 * the `Dialog` contract. It asks what decides the cause, gives the remedies
 * of `troubleshoot.ts` in order and checks each; a resolution asks for a rating.
 */
import type { Ask, Slots } from '../src/core/types.js';
import { isLoginIntent } from '../src/core/types.js';
import type { Dialog, TurnApi } from '../src/dialog/dialog.js';
import { applyFacts, endDialog } from '../src/dialog/state.js';
import type { Reading } from '../src/nlu/answers.js';
import { SLOTS, SLOT_NAMES, nextStep, remedyTextKey, type SlotName } from './troubleshoot.js';

const YES_NO = ['yes', 'no'] as const;

/**
 * Reads facts in the light of the question: asked whether the account was made
 * on docomo, a user already known to be on another line who names docomo
 * (「前の回線はドコモです」) is saying yes, not that they are back on docomo.
 * A leading no (「いいえ、ドコモです」) is a correction instead, read as stated.
 */
function inContext(facts: Partial<Slots>, ask: Ask, slots: Slots): Partial<Slots> {
  if (ask === 'switched' && slots.carrier === 'other' && facts.carrier === 'docomo' && facts.switched === undefined) {
    const { carrier: _carrier, carrierRaw: _raw, ...rest } = facts;
    return { ...rest, switched: 'yes' };
  }
  return facts;
}

/**
 * The answer to a slot question, read without changing anything: the asked
 * slot's value as the answer reader understands it (dialect, romaji, indirect
 * wording, a yes / no as the question means it), or `more` when the message
 * states only other slots (an over-answer, a correction).
 */
function readSlot(t: TurnApi, slot: SlotName): Reading | undefined {
  const reading = t.answers.read(slot, t.u);
  if (reading) return reading;
  const stated = Object.entries(t.u.facts).some(([k, v]) => (SLOT_NAMES as string[]).includes(k) && v !== undefined && t.state.slots[k as SlotName] !== v);
  return stated ? { value: 'more', sure: true } : undefined;
}

/** Keeps what an answer to a slot question states: every slot it names (a leading no corrects, 「いいえ、ドコモです」), then the asked one. */
function keepSlot(t: TurnApi, slot: SlotName, value: string): void {
  const { state, u } = t;
  const correction = t.answers.yesNo(u) === 'no';
  applyFacts(state.slots, correction ? u.facts : inContext(u.facts, slot, state.slots));
  if (value !== 'more') (state.slots as Record<string, string>)[slot] = value;
}

/** Asks the next slot the dialog needs, or gives the next remedy. */
function proceed(t: TurnApi): void {
  const { state } = t;
  const step = nextStep(state.slots, state.remedies);
  if (!step) {
    endDialog(state);
    t.say('declined');
    return;
  }
  if ('ask' in step) return t.ask(step.ask, `ask.${step.ask}`);
  state.remedies.push({ remedy: step.remedy });
  t.event({ type: 'remedy_given', name: step.remedy });
  t.push({ type: 'message', text: t.texts.get(t.lang, remedyTextKey(step.remedy, state.slots)) }, { remedy: step.remedy });
  if (step.remedy === 'contact_center') return t.offerPerson('offer_agent');
  t.ask('resolved', 'did_it_work');
}

/** The user's word on the last remedy: close warmly (and ask for a rating), or go on to the next one. */
async function remedyOutcome(t: TurnApi, worked: boolean): Promise<void> {
  const { state } = t;
  const last = state.remedies[state.remedies.length - 1];
  if (last) {
    last.worked = worked;
    t.event({ type: 'remedy_result', name: last.remedy, value: worked ? 1 : 0 });
  }
  state.misunderstood = 0;
  if (!worked) {
    t.say('resolved.no');
    return proceed(t);
  }
  endDialog(state);
  t.say('resolved.yes');
  t.endEpisode({ type: 'resolved', ...(last ? { name: last.remedy } : {}) });
  await t.start('csat');
}

/** The troubleshooting dialog: asks what decides the cause, gives remedies in order, checks each. */
export const troubleshoot: Dialog = {
  id: 'troubleshoot',
  questions: {
    ...Object.fromEntries(SLOT_NAMES.map((slot) => [slot, { choices: SLOTS[slot].values }])),
    resolved: { choices: YES_NO, readFirst: true },
  },
  otherwise: 'reask',
  starts: (t) => isLoginIntent(t.u.intent) || (t.state.dialog === 'troubleshoot' && Object.keys(t.u.facts).length > 0),
  begin(t) {
    const { state, u } = t;
    state.misunderstood = 0;
    const starting = state.dialog !== 'troubleshoot';
    state.dialog = 'troubleshoot';
    state.firstMessage ??= u.text.slice(0, 500);
    applyFacts(state.slots, u.facts);
    if (starting) {
      if (t.notice) t.say('maintenance', {}, { notice: t.notice });
      if (u.entities.error_code) t.say('start.code', {}, { code: u.entities.error_code });
      else t.say('start');
    }
    proceed(t);
    return Promise.resolve();
  },
  read(t, ask) {
    if (ask === 'resolved') return t.answers.read('resolved', t.u);
    return ask in SLOTS ? readSlot(t, ask as SlotName) : undefined;
  },
  async answered(t, ask, value) {
    if (ask !== 'resolved') {
      keepSlot(t, ask as SlotName, value);
      return proceed(t);
    }
    applyFacts(t.state.slots, t.u.facts);
    await remedyOutcome(t, value === 'yes');
  },
};
