import { z } from 'zod';
import type { ConversationState, SlotName, Slots } from '../core/types.js';
import { CARRIERS } from '../core/types.js';
import { REMEDIES, SLOTS, SLOT_NAMES, type SlotValue } from '../../dialogs/troubleshoot.js';

/** A conversation left this long without a message starts afresh (spec §2). */
export const STATE_TTL_MS = 24 * 60 * 60 * 1000;

const ASKS = [...SLOT_NAMES, 'resolved', 'handoff', 'csat', 'csat_reason'] as const;

/** Each declared slot, optional, with its declared values. */
const SlotsSchema = z.object({
  ...(Object.fromEntries(SLOT_NAMES.map((s) => [s, z.enum(SLOTS[s].values).optional()])) as unknown as {
    [S in SlotName]: z.ZodOptional<z.ZodEnum<{ [V in SlotValue<S>]: V }>>;
  }),
  carrierRaw: z.enum(CARRIERS).optional(),
  error_code: z.string().max(20).optional(),
});

/** The saved state's schema: what comes back from storage is checked before a turn uses it. */
export const ConversationStateSchema = z.object({
  version: z.literal(1),
  lang: z.enum(['ja', 'en']),
  dialog: z.enum(['troubleshoot', 'csat']).nullable(),
  slots: SlotsSchema,
  ask: z.enum(ASKS).nullable(),
  remedies: z.array(z.object({ remedy: z.enum(REMEDIES), worked: z.boolean().optional() })),
  misunderstood: z.number().int().min(0),
  firstMessage: z.string().optional(),
  ticket: z.string().optional(),
  resumeAsk: z.enum(ASKS).optional(),
  episode: z.string().max(40).optional(),
  csat: z.object({ by: z.enum(['bot', 'agent']), episode: z.string().max(40).optional() }).optional(),
  ratedEpisode: z.string().max(40).optional(),
  confusedOffer: z.boolean().optional(),
  lastMisread: z.string().max(500).optional(),
  lastAt: z.number(),
}) satisfies z.ZodType<ConversationState>;

/** A new conversation, in Japanese unless the user writes otherwise. */
export function newState(at: number, lang: ConversationState['lang'] = 'ja'): ConversationState {
  return { version: 1, lang, dialog: null, slots: {}, ask: null, remedies: [], misunderstood: 0, lastAt: at };
}

/** The state a turn starts from: a copy of the previous one, or a new one after 24 hours of silence. */
export function freshState(previous: ConversationState | undefined, at: number): ConversationState {
  if (!previous) return newState(at);
  if (at - previous.lastAt > STATE_TTL_MS) {
    const state = newState(at, previous.lang);
    if (previous.ticket) state.ticket = previous.ticket;
    return state;
  }
  return JSON.parse(JSON.stringify(previous)) as ConversationState; // plain JSON data (it is stored as JSON); cheaper than structuredClone
}

/** Ends the dialog (resolved, declined, handed off): slots and remedies are cleared. */
export function endDialog(state: ConversationState): void {
  state.dialog = null;
  state.ask = null;
  state.slots = {};
  state.remedies = [];
  state.misunderstood = 0;
  delete state.firstMessage;
  delete state.resumeAsk;
  delete state.csat;
  delete state.confusedOffer;
  delete state.lastMisread;
}

/**
 * Keeps every slot a message states, including corrections of earlier
 * answers (「いいえ、auです」). Returns the slots whose value changed.
 */
export function applyFacts(slots: Slots, facts: Partial<Slots>): SlotName[] {
  const changed: SlotName[] = [];
  for (const [key, value] of Object.entries(facts) as [keyof Slots, string][]) {
    if (value === undefined || slots[key] === value) continue;
    (slots as Record<string, string>)[key] = value;
    if ((SLOT_NAMES as readonly string[]).includes(key)) changed.push(key as SlotName);
  }
  if (slots.carrier === 'docomo') delete slots.switched; // never asked, never kept, on a docomo line
  if (facts.carrier === 'other' && !facts.carrierRaw) delete slots.carrierRaw;
  return changed;
}
