/**
 * Plays a transcript (test/dialog/transcripts.ts) through the engine and checks
 * each step's expectations against the replies' meta and texts. Shared by the
 * dialog tests so that every transcript is data and the checks are written once.
 */
import { expect } from 'vitest';
import type { Ask, ConversationState, Lang, RemedyId, Reply, Slots } from '../../src/core/types.js';
import { turn, type EngineDeps, type TurnResult } from '../../src/dialog/index.js';
import type { MemoryTicketSink } from './memory-sink.js';
import type { TicketSummary } from '../../src/handoff/types.js';

/** What one user message must produce. Only the fields given are checked. */
interface Expect {
  /** The question the turn ends on; `null`: the turn asks nothing. */
  ask?: Ask | null;
  /** The remedy given in this turn. */
  remedy?: RemedyId;
  /** No reply of this turn carries a remedy. */
  noRemedy?: true;
  /** A reply carries `meta.handoff` (a ticket id). */
  handoff?: true;
  /** No reply carries `meta.handoff`. */
  noHandoff?: true;
  /** The conversation's language after the turn, and the language every reply is written in. */
  lang?: Lang;
  /** Literal fragments that must appear in the turn's texts (joined). */
  textIncludes?: string[];
  /** Literal fragments that must not appear. */
  textExcludes?: string[];
  /** Reply-text keys whose text (variables as wildcards) must appear in the turn. */
  says?: string[];
  /** Reply-text keys whose text must not appear. */
  saysNot?: string[];
  /** The message went to the agent of an open ticket (no replies). */
  relayed?: boolean;
  /** Slots kept in the state after the turn (subset match); `{}` with `slotsExactly`. */
  slots?: Partial<Slots>;
  slotsExactly?: true;
  /** The ticket this turn opened or found, as the sink holds it. */
  ticket?: { priority?: 'normal' | 'urgent'; reason?: TicketSummary['reason']; remedies?: RemedyId[]; slots?: Partial<Slots> };
  /** The number of tickets the sink holds for this conversation after the turn. */
  ticketsForConversation?: number;
  /** The same ticket id as the one opened earlier in this transcript. */
  sameTicket?: true;
}

/** One user message (or a quick-reply payload sent back as text) and what it must produce. */
export interface Step {
  user: string;
  expect: Expect;
  /** Hours after the previous message (default: one minute). */
  afterHours?: number;
  /** Close the conversation's open ticket (as an agent would) before this message. */
  closeTicket?: true;
  /** An agent claims the conversation's open ticket before this message. */
  claimTicket?: true;
  /** Send this message with no saved state (a restart that lost it). */
  loseState?: true;
}

export interface Transcript {
  name: string;
  steps: Step[];
}

/** 2025-06-10 12:00 JST, a Tuesday: inside default business hours. */
export const NOON_JST = Date.UTC(2025, 5, 10, 3, 0);

const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF]/;

/** Whether a reply text is written in `lang`: English texts may quote Japanese UI labels only in 「」 or (). */
function writtenIn(text: string, lang: Lang): boolean {
  if (lang === 'ja') return JAPANESE.test(text);
  return !JAPANESE.test(text.replace(/「[^」]*」/g, '').replace(/\([^)]*\)/g, ''));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A reply text as a pattern: contacts filled, other `{vars}` as wildcards. */
export function textPattern(deps: EngineDeps, lang: Lang, key: string): RegExp {
  const raw = deps.texts.get(lang, key);
  return new RegExp(escapeRe(raw).replace(/\\\{\w+\\\}/g, '[\\s\\S]+?'));
}

/** The payloads a question's quick replies must carry (spec §2 and §5): the slot's values, or yes / no. */
export const SPEC_PAYLOADS: Record<Ask, string[]> = {
  carrier: ['docomo', 'other'],
  switched: ['yes', 'no'],
  network: ['wifi', 'mobile'],
  os: ['ios', 'android'],
  app_version: ['latest', 'outdated'],
  resolved: ['yes', 'no'],
  handoff: ['yes', 'no'],
  csat: ['1', '2', '3', '4', '5'],
  csat_reason: [],
};
const payloadsOf = (ask: Ask): string[] => SPEC_PAYLOADS[ask];

const asksOf = (replies: Reply[]) => replies.flatMap((r) => (r.meta?.ask ? [r.meta.ask] : []));
const remediesOf = (replies: Reply[]) => replies.flatMap((r) => (r.meta?.remedy ? [r.meta.remedy] : []));
const handoffsOf = (replies: Reply[]) => replies.flatMap((r) => (r.meta?.handoff ? [r.meta.handoff] : []));

/** Plays `transcript` as conversation `conversationId` and checks every step. Returns the last result. */
export async function play(deps: EngineDeps, tickets: MemoryTicketSink, transcript: Transcript, conversationId: string, start = NOON_JST): Promise<TurnResult> {
  let state: ConversationState | undefined;
  let at = start;
  let firstTicket: string | undefined;
  let last: TurnResult | undefined;
  for (const [i, step] of transcript.steps.entries()) {
    at += (step.afterHours ?? 1 / 60) * 3600_000;
    if (step.closeTicket || step.claimTicket) {
      const open = [...tickets.tickets.values()].find((t) => t.open && t.conversationId === conversationId);
      expect(open, `${transcript.name}: no open ticket before step ${i + 1}`).toBeDefined();
      if (open && step.claimTicket) tickets.claim(open.id);
      if (open && step.closeTicket) tickets.close(open.id);
    }
    const result = await turn(deps, step.loseState ? undefined : state, { conversationId, channel: 'web', text: step.user, at });
    state = result.state;
    last = result;
    check(deps, tickets, transcript, i, step, result, conversationId, (id) => (firstTicket ??= id));
  }
  if (!last) throw new Error(`${transcript.name}: no steps`);
  return last;
}

function check(
  deps: EngineDeps,
  tickets: MemoryTicketSink,
  transcript: Transcript,
  i: number,
  step: Step,
  r: TurnResult,
  conversationId: string,
  rememberTicket: (id: string) => string,
): void {
  const e = step.expect;
  const u = r.understanding;
  const where = `${transcript.name} — step ${i + 1} 「${step.user}」 (nlu: ${u.intent}/${u.guess} ${u.confidence}, facts ${JSON.stringify(u.facts)}) → ${JSON.stringify(
    r.replies.map((x) => ({ text: x.text.slice(0, 40), ask: x.meta?.ask, remedy: x.meta?.remedy, handoff: x.meta?.handoff })),
  )}`;
  const text = r.replies.map((x) => x.text).join('\n');
  const asks = asksOf(r.replies);
  const remedies = remediesOf(r.replies);
  const handoffs = handoffsOf(r.replies);

  // Contract of spec §5 for every turn: at most one question and at most one remedy.
  expect(asks.length, `${where}: more than one ask`).toBeLessThanOrEqual(1);
  expect(remedies.length, `${where}: more than one remedy`).toBeLessThanOrEqual(1);
  for (const reply of r.replies) {
    expect(reply.type).toBe('message');
    expect(reply.text.length, `${where}: empty text`).toBeGreaterThan(0);
    // A question's quick replies carry exactly the values it accepts as payloads.
    const ask = reply.meta?.ask;
    if (ask)
      expect(
        reply.quick_replies?.map((q) => q.payload),
        `${where}: quick replies of ${ask}`,
      ).toEqual(payloadsOf(ask));
  }

  if (e.relayed !== undefined) {
    expect(r.relayed, `${where}: relayed`).toBe(e.relayed);
    // While a person has the conversation the bot does not answer it: at most a
    // short "you are in the queue" notice (naming the open ticket, spec §5), never
    // a question, remedy or new ticket.
    if (e.relayed) {
      expect(r.replies.length, `${where}: a relayed message gets at most a queue notice`).toBeLessThanOrEqual(1);
      expect([...asks, ...remedies], `${where}: nothing but a notice while relayed`).toEqual([]);
      for (const id of handoffs) expect(id, `${where}: the notice names the open ticket`).toBe(r.state.ticket);
    }
  }
  if (e.ask !== undefined) expect(asks[0] ?? null, `${where}: ask`).toBe(e.ask);
  if (e.remedy) expect(remedies[0], `${where}: remedy`).toBe(e.remedy);
  if (e.noRemedy) expect(remedies, `${where}: no remedy`).toEqual([]);
  if (e.handoff) expect(handoffs.length, `${where}: handoff`).toBe(1);
  if (e.noHandoff) expect(handoffs, `${where}: no handoff`).toEqual([]);
  if (e.lang) {
    expect(r.state.lang, `${where}: state lang`).toBe(e.lang);
    for (const reply of r.replies) expect(writtenIn(reply.text, e.lang), `${where}: reply not in ${e.lang}: ${reply.text}`).toBe(true);
  }
  for (const s of e.textIncludes ?? []) expect(text, `${where}: text includes`).toContain(s);
  for (const s of e.textExcludes ?? []) expect(text, `${where}: text excludes`).not.toContain(s);
  for (const key of e.says ?? []) expect(text, `${where}: says ${key}`).toMatch(textPattern(deps, r.state.lang, key));
  for (const key of e.saysNot ?? []) expect(text, `${where}: does not say ${key}`).not.toMatch(textPattern(deps, r.state.lang, key));
  if (e.slots) {
    if (e.slotsExactly) expect(r.state.slots, `${where}: slots`).toEqual(e.slots);
    else expect(r.state.slots, `${where}: slots`).toMatchObject(e.slots);
  }
  const id = handoffs[0];
  if (id) {
    const first = rememberTicket(id);
    if (e.sameTicket) expect(id, `${where}: same ticket`).toBe(first);
    expect(r.state.ticket, `${where}: state keeps the ticket`).toBe(id);
  }
  if (e.ticket) {
    expect(id, `${where}: a ticket`).toBeDefined();
    const t = id ? tickets.tickets.get(id) : undefined;
    expect(t, `${where}: ticket in the sink`).toBeDefined();
    if (t) {
      expect(t.conversationId).toBe(conversationId);
      if (e.ticket.priority) expect(t.priority, `${where}: priority`).toBe(e.ticket.priority);
      if (e.ticket.priority === 'urgent') expect(r.replies.find((x) => x.meta?.handoff)?.meta?.priority, `${where}: meta.priority`).toBe('urgent');
      if (e.ticket.reason) expect(t.summary.reason, `${where}: reason`).toBe(e.ticket.reason);
      if (e.ticket.remedies)
        expect(
          t.summary.remedies.map((x) => x.remedy),
          `${where}: remedies tried`,
        ).toEqual(e.ticket.remedies);
      if (e.ticket.slots) expect(t.summary.slots, `${where}: summary slots`).toMatchObject(e.ticket.slots);
    }
  }
  if (e.ticketsForConversation !== undefined) {
    const n = [...tickets.tickets.values()].filter((t) => t.conversationId === conversationId).length;
    expect(n, `${where}: tickets for the conversation`).toBe(e.ticketsForConversation);
  }
}
