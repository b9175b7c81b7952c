import type { Ask, ConversationState, Inbound, Intent, Lang, Reply, ReplyMeta, SlotName, Slots } from '../core/types.js';
import { isLoginIntent } from '../core/types.js';
import type { Nlu, Understanding } from '../nlu/index.js';
import type { AgentHours, TicketSink, TicketSummary } from '../handoff/types.js';
import { FAQ, SMALL_TALK, topicAnswerKey } from '../../dialogs/faq.js';
import { SLOT_QUESTIONS, choicesFor, nextStep, remedyTextKey } from '../../dialogs/troubleshoot.js';
import type { Texts, Vars } from './texts.js';
import type { Rules } from './rules.js';
import { applyFacts, endDialog, freshState } from './state.js';
import { MASKS, redact } from '../privacy/redact.js';

/** What a turn needs besides the state and the message. */
export interface EngineDeps {
  nlu: Nlu;
  texts: Texts;
  rules: Rules;
  tickets: TicketSink;
  hours: AgentHours;
  /** A maintenance notice the support team set; mentioned first to anyone reporting a login failure. */
  notice?: () => string | undefined;
}

/** The outcome of one turn. */
export interface TurnResult {
  state: ConversationState;
  replies: Reply[];
  understanding: Understanding;
  /** True when the message went to the agent of an open ticket instead of the bot. */
  relayed: boolean;
  /** The message as it may be stored, logged and shown to agents (card numbers, phones, e-mails, secrets masked). */
  text: string;
}

const TOPIC_INTENTS = new Set<Intent>(['create_account', 'contact_support', 'password_forgotten', 'dcard_benefits', 'greeting', 'thanks']);
const SP_MODE = /spモード|sp[\s-]?mode/;
/** Below this confidence an out-of-scope question gets the out-of-scope answer, not the guess's. */
const GUESS_FLOOR = 0.25;

/**
 * Collects a turn's replies in the conversation's language. The first reply
 * carries what the bot understood (intent, confidence, entities).
 */
class Turn {
  readonly replies: Reply[] = [];
  relayed = false;
  constructor(
    readonly deps: EngineDeps,
    readonly state: ConversationState,
    readonly u: Understanding,
    readonly inbound: Inbound,
    /** The user typed a password, PIN or card number (masked before anything read it). */
    readonly secret: boolean,
  ) {}

  get lang(): Lang {
    return this.state.lang;
  }

  say(key: string, meta: ReplyMeta = {}, vars: Vars = {}): Reply {
    return this.push({ type: 'message', text: this.deps.texts.get(this.lang, key, vars) }, meta);
  }

  push(reply: Reply, meta: ReplyMeta = {}): Reply {
    const first = this.replies.length === 0 ? { intent: this.u.intent, confidence: this.u.confidence, entities: this.u.entities } : {};
    const all = { ...first, ...meta };
    if (Object.keys(all).length) reply.meta = all;
    this.replies.push(reply);
    return reply;
  }

  /** Asks a slot, whether a remedy worked, or whether to call a person, with quick replies. */
  ask(ask: Ask, key: string, prefix?: string, vars: Vars = {}): void {
    const values = choicesFor(ask);
    const t = this.deps.texts;
    const text = [prefix && t.get(this.lang, prefix, vars), t.get(this.lang, key, vars)].filter(Boolean).join('\n');
    this.push({ type: 'message', text, quick_replies: values.map((v) => ({ title: t.get(this.lang, `qr.${ask}.${v}`), payload: v })) }, { ask });
    this.state.ask = ask;
  }
}

/**
 * One turn of the conversation: a pure function of the state and the message
 * (plus the ticket sink, which opens hand-offs). Global interrupts come first
 * (an empty message, an open ticket, a secret, an emergency, a request for a
 * person), then the open question, then the message's own intent.
 */
export function turn(deps: EngineDeps, previous: ConversationState | undefined, inbound: Inbound): TurnResult {
  const state = freshState(previous, inbound.at);
  const masked = redact(inbound.text);
  const u = deps.nlu.understand(masked.text.replace(MASKS, ' ')); // masks are neither language nor meaning
  if (u.lang) state.lang = u.lang;
  const t = new Turn(deps, state, u, { ...inbound, text: masked.text }, masked.found.includes('secret') || masked.found.includes('card'));
  route(t);
  state.lastAt = inbound.at;
  return { state, replies: t.replies, understanding: u, relayed: t.relayed, text: masked.text };
}

function route(t: Turn): void {
  const { state, u, deps } = t;
  if (state.ticket && withAgent(t, state.ticket)) return;
  if (t.secret) {
    t.say('secret.warning');
    return reaskOpenQuestion(t);
  }
  if (!u.normalised) return emptyMessage(t);
  const urgent = deps.rules.urgent(u.normalised);
  if (urgent) {
    t.say(`urgent.${urgent}`);
    return handOff(t, urgent === 'fraud' ? 'urgent_fraud' : 'urgent_lost');
  }
  if (u.intent === 'human_agent' && !answersOpenQuestion(t)) return handOff(t, 'asked');
  if (state.ask === 'handoff') return answerOffer(t);
  if (state.dialog === 'troubleshoot' && state.ask) return continueDialog(t, state.ask);
  return idle(t);
}

/**
 * While a ticket is open the bot steps aside: the message goes to the agent.
 * A waiting user is told their place in the queue and may cancel; once the
 * ticket is over, the bot takes the conversation back. Returns whether the
 * ticket had the message.
 */
function withAgent(t: Turn, ticketId: string): boolean {
  const { state, u, deps } = t;
  const ticket = deps.tickets.status(ticketId);
  if (!ticket || ticket.status === 'closed' || ticket.status === 'cancelled') {
    delete state.ticket;
    return false;
  }
  if (deps.rules.test('cancel', u.normalised)) {
    deps.tickets.cancel(ticketId, t.inbound.at);
    delete state.ticket;
    t.say('handoff.cancelled');
    return true;
  }
  t.relayed = true;
  if (ticket.status === 'waiting') {
    const reply = t.say('handoff.waiting', { handoff: ticketId }, { id: ticketId, position: ticket.position });
    reply.quick_replies = [{ title: deps.texts.get(t.lang, 'qr.cancel'), payload: 'cancel' }];
  }
  return true;
}

/** Whether the message states the slot the open question asks (「5Gでつないでます」 is an answer, not a call for a person). */
function answersOpenQuestion(t: Turn): boolean {
  const ask = t.state.ask;
  return ask !== null && ask in SLOT_QUESTIONS && t.u.facts[ask as SlotName] !== undefined;
}

function emptyMessage(t: Turn): void {
  t.say('empty');
  reaskOpenQuestion(t);
}

/** Asks the open question again (after an interruption), if there is one. */
function reaskOpenQuestion(t: Turn, prefix?: string, vars: Vars = {}): void {
  const ask = t.state.ask;
  if (!ask) return;
  if (ask === 'resolved') t.ask('resolved', 'did_it_work', prefix, vars);
  else if (ask === 'handoff') t.ask('handoff', 'offer_agent', prefix, vars);
  else t.ask(ask, `ask.${ask}`, prefix, vars);
}

/** The user answers the offer of a person: yes opens a ticket, no closes kindly (or resumes the question). */
function answerOffer(t: Turn): void {
  const { state, u, deps } = t;
  const answer = deps.nlu.answers.read('handoff', u)?.value; // AnswerReader (nlu/answers.ts): the open question first
  if (answer === 'yes') return handOff(t, 'offer_accepted');
  if (answer === 'no') {
    const resume = state.resumeAsk;
    delete state.resumeAsk;
    state.misunderstood = 0;
    if (resume && state.dialog) {
      state.ask = resume;
      return reaskOpenQuestion(t, 'resume');
    }
    endDialog(state);
    t.say('declined');
    return;
  }
  // Neither: a question from another topic is answered and the offer stands; anything else moves on.
  if (isInterjection(t) || TOPIC_INTENTS.has(u.intent)) return answerInterjection(t);
  state.ask = state.resumeAsk ?? null;
  delete state.resumeAsk;
  if (state.dialog === 'troubleshoot' && state.ask) return continueDialog(t, state.ask);
  if (state.dialog === 'troubleshoot' && !state.ask) return proceed(t);
  return idle(t);
}

/** A message while the dialog waits on `ask`: an answer, a question from another topic, or not understood. */
function continueDialog(t: Turn, ask: Ask): void {
  const { state, u, deps } = t;
  // --- AnswerReader (nlu/answers.ts): the message read as the answer to the open question first ---
  const reading = deps.nlu.answers.read(ask, u);
  if (reading && !reading.sure && !isInterjection(t)) return askUnsure(t, ask, reading.value);
  // --- end AnswerReader ---
  if (ask === 'resolved') {
    const outcome = reading?.value;
    if (outcome) {
      applyFacts(state.slots, u.facts);
      return remedyOutcome(t, outcome === 'yes');
    }
    if (isInterjection(t)) return answerInterjection(t);
    return notUnderstood(t);
  }
  if (isInterjection(t)) return answerInterjection(t);
  const correction = deps.nlu.answers.yesNo(u) === 'no'; // 「いいえ、ドコモです」 corrects the line
  const filled = applyFacts(state.slots, correction ? u.facts : inContext(u.facts, ask, state.slots));
  const slot = ask as SlotName;
  if (reading) setSlot(state.slots, slot, reading.value);
  if (state.slots[slot] !== undefined || filled.length > 0) {
    state.misunderstood = 0;
    return proceed(t);
  }
  if (TOPIC_INTENTS.has(u.intent)) return answerInterjection(t);
  return notUnderstood(t);
}

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

/** The answer says two things at once (「家はWi-Fi、外は4G」): say what was understood and ask again, with the buttons. */
function askUnsure(t: Turn, ask: Ask, value: string): void {
  reaskOpenQuestion(t, 'unsure', { value: t.deps.texts.get(t.lang, `qr.${ask}.${value}`) });
}

function setSlot(slots: Slots, slot: SlotName, value: string): void {
  (slots as Record<string, string>)[slot] = value;
}

/** A question from another topic while a slot question is open: not an answer to it. */
function isInterjection(t: Turn): boolean {
  const { u, deps } = t;
  if (!deps.rules.test('question', u.normalised)) return false;
  return TOPIC_INTENTS.has(u.guess) || isLoginIntent(u.guess) || u.intent === 'out_of_scope' || deps.rules.test('privacy', u.normalised);
}

/** Answers a question from another topic, then asks the open question again. */
function answerInterjection(t: Turn): void {
  const { u, deps } = t;
  t.state.misunderstood = 0;
  if (deps.rules.test('privacy', u.normalised)) t.say('faq.privacy');
  else if (SP_MODE.test(u.normalised) && isLoginIntent(u.guess)) t.say('faq.sp_mode');
  // Just under the out-of-scope line, the classifier's guess is still the best topic to answer.
  else t.say(topicAnswerKey(u.intent === 'out_of_scope' && u.confidence >= GUESS_FLOOR ? u.guess : u.intent));
  reaskOpenQuestion(t, 'resume');
}

/** One re-ask of the same question; the second miss in a row offers a person. */
function notUnderstood(t: Turn): void {
  const { state } = t;
  state.misunderstood++;
  if (state.misunderstood >= 2) return offerPerson(t);
  reaskOpenQuestion(t, 'reask');
}

function offerPerson(t: Turn): void {
  const { state } = t;
  state.misunderstood = 0;
  if (state.ask && state.ask !== 'handoff') state.resumeAsk = state.ask;
  t.ask('handoff', 'handoff.offer_confused');
}

/** The user's word on the last remedy: close warmly, or go on to the next one. */
function remedyOutcome(t: Turn, worked: boolean): void {
  const { state } = t;
  const last = state.remedies[state.remedies.length - 1];
  if (last) last.worked = worked;
  state.misunderstood = 0;
  if (worked) {
    endDialog(state);
    t.say('resolved.yes');
    return;
  }
  t.say('resolved.no');
  proceed(t);
}

/** Asks the next slot the dialog needs, or gives the next remedy. */
function proceed(t: Turn): void {
  const { state } = t;
  const step = nextStep(state.slots, state.remedies);
  if (!step) {
    endDialog(state);
    t.say('declined');
    return;
  }
  if ('ask' in step) return t.ask(step.ask, `ask.${step.ask}`);
  state.remedies.push({ remedy: step.remedy });
  const text = t.deps.texts.get(t.lang, remedyTextKey(step.remedy, state.slots));
  if (step.remedy === 'contact_center') {
    t.push({ type: 'message', text }, { remedy: step.remedy });
    return t.ask('handoff', 'offer_agent');
  }
  t.push({ type: 'message', text }, { remedy: step.remedy });
  t.ask('resolved', 'did_it_work');
}

/** No open question: start the dialog for a login failure, or answer the topic. */
function idle(t: Turn): void {
  const { state, u, deps } = t;
  // A login failure just under the out-of-scope line is still better helped than turned away.
  const probableLogin = u.intent === 'out_of_scope' && isLoginIntent(u.guess) && u.confidence >= GUESS_FLOOR;
  const startsDialog = isLoginIntent(u.intent) || probableLogin || (state.dialog === 'troubleshoot' && Object.keys(u.facts).length > 0);
  if (startsDialog) {
    state.misunderstood = 0;
    const starting = state.dialog !== 'troubleshoot';
    state.dialog = 'troubleshoot';
    state.firstMessage ??= u.text.slice(0, 500);
    applyFacts(state.slots, u.facts);
    if (starting) {
      const notice = deps.notice?.();
      if (notice) t.say('maintenance', {}, { notice });
      if (u.entities.error_code) t.say('start.code', {}, { code: u.entities.error_code });
      else t.say('start');
    }
    return proceed(t);
  }
  const faq = FAQ[u.intent];
  if (faq) {
    state.misunderstood = 0;
    t.say(faq.key);
    if (faq.offerAgent) t.ask('handoff', 'offer_agent');
    return;
  }
  if (u.intent === 'out_of_scope') {
    state.misunderstood++;
    if (state.misunderstood >= 2) return offerPerson(t);
    t.say('out_of_scope');
    return;
  }
  state.misunderstood = 0;
  if (u.intent === 'goodbye') endDialog(state);
  t.say(SMALL_TALK[u.intent] ?? 'out_of_scope');
}

/** Opens (or finds) a ticket, tells the user the agent will see the conversation, and steps aside. */
function handOff(t: Turn, reason: TicketSummary['reason']): void {
  const { state, deps, inbound } = t;
  const summary: TicketSummary = { reason, slots: { ...state.slots }, remedies: [...state.remedies] };
  const firstMessage = state.firstMessage ?? inbound.text.slice(0, 500);
  if (firstMessage) summary.firstMessage = firstMessage;
  const ticket = deps.tickets.open({
    conversationId: inbound.conversationId,
    channel: inbound.channel,
    lang: state.lang,
    priority: reason.startsWith('urgent') ? 'urgent' : 'normal',
    summary,
    at: inbound.at,
  });
  if (!ticket.created) {
    t.say('handoff.already', { handoff: ticket.id }, { id: ticket.id, position: ticket.position });
  } else {
    t.say('handoff.notice');
    const meta: ReplyMeta = { handoff: ticket.id };
    if (reason.startsWith('urgent')) meta.priority = 'urgent';
    t.say('handoff.opened', meta, { id: ticket.id, position: ticket.position });
    if (!deps.hours.isOpen(inbound.at)) t.say('handoff.after_hours', {}, { hours: deps.hours.describe(), next: deps.hours.nextOpen(inbound.at) });
  }
  endDialog(state);
  state.ticket = ticket.id;
}
