/**
 * The troubleshooting dialog of spec §2–3, declared: the questions it may ask
 * (each slot with its values, which are also its quick replies' payloads), and
 * the remedies in the order they are tried, each with the slots it needs and
 * when it applies. This file is the one source of the dialog's vocabulary:
 * slot names and values, remedy ids, the funnel analytics shows. It imports
 * nothing at run time, so every layer may read it. The flow that walks it is
 * `troubleshoot-dialog.ts`.
 */
import type { RemedyTried, Slots } from '../src/core/types.js';

/** The slots, in the order the dialog thinks of them: their values, and whether the dialog ever asks them (`os` is only read, to pick the update steps). */
export const SLOTS = {
  carrier: { values: ['docomo', 'other'], asked: true },
  switched: { values: ['yes', 'no'], asked: true },
  network: { values: ['wifi', 'mobile'], asked: true },
  os: { values: ['ios', 'android'], asked: false },
  app_version: { values: ['latest', 'outdated'], asked: true },
} as const;

export type SlotName = keyof typeof SLOTS;
export type SlotValue<S extends SlotName> = (typeof SLOTS)[S]['values'][number];
export const SLOT_NAMES = Object.keys(SLOTS) as SlotName[];

/** Remedy ids in the order they are tried; `contact_center` is the last resort, given when none of the others is left. */
export const REMEDIES = ['recreate_account', 'disable_wifi', 'update_app_os', 'wait_retry', 'contact_center'] as const;
export type RemedyId = (typeof REMEDIES)[number];

/** A remedy: the slots that decide it (asked in this order when empty) and whether it applies. */
interface Remedy {
  id: Exclude<RemedyId, 'contact_center'>;
  needs: (slots: Slots) => SlotName[];
  applies: (slots: Slots) => boolean;
}

/** Remedies in the order the spec tries them; `contact_center` comes when none is left. */
const REMEDY_ORDER: Remedy[] = [
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

/** The questions whose answers the funnel of analytics follows: the asked slots, then whether it worked, then the offer of a person. */
export const FUNNEL = [...SLOT_NAMES.filter((s) => SLOTS[s].asked), 'resolved', 'handoff'] as const;
