/**
 * The troubleshooting dialog of spec §2–3, as declarations: the slots it may
 * ask, with their quick replies, and the remedies in the order they are tried,
 * each with the slots it needs and when it applies. The engine walks them.
 */
import type { Ask, RemedyId, RemedyTried, SlotName, Slots } from '../src/core/types.js';

/** A slot question: its quick-reply payloads, which are also the slot's values. */
export interface SlotQuestion {
  slot: SlotName;
  values: readonly string[];
}

export const SLOT_QUESTIONS: Record<SlotName, SlotQuestion> = {
  carrier: { slot: 'carrier', values: ['docomo', 'other'] },
  switched: { slot: 'switched', values: ['yes', 'no'] },
  network: { slot: 'network', values: ['wifi', 'mobile'] },
  os: { slot: 'os', values: ['ios', 'android'] },
  app_version: { slot: 'app_version', values: ['latest', 'outdated'] },
};

const YES_NO = ['yes', 'no'] as const;

/** The values a question accepts, which are also its quick replies' payloads: a slot's values, or yes / no. */
export function choicesFor(ask: Ask): readonly string[] {
  return ask === 'resolved' || ask === 'handoff' ? YES_NO : SLOT_QUESTIONS[ask].values;
}

/** A remedy: the slots that decide it (asked in this order when empty) and whether it applies. */
export interface Remedy {
  id: Exclude<RemedyId, 'contact_center'>;
  needs: (slots: Slots) => SlotName[];
  applies: (slots: Slots) => boolean;
}

/** Remedies in the order the spec tries them; `contact_center` comes when none is left. */
export const REMEDY_ORDER: Remedy[] = [
  {
    id: 'recreate_account',
    needs: (s) => (s.carrier === 'other' ? ['carrier', 'switched'] : ['carrier']),
    applies: (s) => s.carrier === 'other' && s.switched === 'yes',
  },
  {
    id: 'disable_wifi',
    needs: (s) => (s.carrier === 'docomo' ? ['network'] : []),
    applies: (s) => s.carrier === 'docomo' && s.network === 'wifi',
  },
  { id: 'update_app_os', needs: () => ['app_version'], applies: (s) => s.app_version === 'outdated' },
  { id: 'wait_retry', needs: () => [], applies: () => true },
];

/** What the dialog does next: ask a slot, give a remedy, or hand over to the information centre. */
export type Step = { ask: SlotName } | { remedy: RemedyId };

/**
 * The next step for the slots known and the remedies tried: the first untried
 * remedy in order whose deciding slots are known and which applies; a missing
 * deciding slot is asked first. Only what decides the next remedy is asked.
 */
export function nextStep(slots: Slots, tried: RemedyTried[]): Step | null {
  const done = new Set(tried.map((t) => t.remedy));
  for (const remedy of REMEDY_ORDER) {
    if (done.has(remedy.id)) continue;
    const missing = remedy.needs(slots).find((slot) => slots[slot] === undefined);
    if (missing) return { ask: missing };
    if (remedy.applies(slots)) return { remedy: remedy.id };
  }
  return done.has('contact_center') ? null : { remedy: 'contact_center' };
}

/** The reply-text key of a remedy, chosen by what is known (the OS for the update steps, the line for the numbers). */
export function remedyTextKey(remedy: RemedyId, slots: Slots): string {
  if (remedy === 'update_app_os') return `remedy.update_app_os.${slots.os ?? 'any'}`;
  if (remedy === 'contact_center') return `remedy.contact_center.${slots.carrier === 'other' ? 'other' : 'docomo'}`;
  return `remedy.${remedy}`;
}
