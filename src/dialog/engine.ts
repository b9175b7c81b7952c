import { randomBytes } from 'node:crypto';
import type { Ask, ConversationState, DialogId, Inbound, Intent, Lang, OutcomeEvent, Reply, ReplyMeta, ReviewReason } from '../core/types.js';
import { isLoginIntent } from '../core/types.js';
import type { Nlu, Understanding } from '../nlu/index.js';
import type { AgentHours, HandoffReason, TicketSink, TicketSummary } from '../handoff/types.js';
import { FAQ, SMALL_TALK, faqOf, topicAnswerKey } from '../../dialogs/faq.js';
import { DIALOGS } from '../../dialogs/index.js';
import type { Dialog, Question, TurnApi } from './dialog.js';
import type { Texts, Vars } from './texts.js';
import type { Rules } from './rules.js';
import { endDialog, freshState } from './state.js';
import type { AnswerReader } from '../nlu/answers.js';
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
  /** The question left open that counts for abandonment (a troubleshooting question, not a rating), or null. */
  openAsk: string | null;
  /** Outcome events of this turn, for analytics. */
  events: OutcomeEvent[];
  /** Set when the message goes to the review inbox: why, and the (masked) text to review when it is not this message. */
  review?: { reason: ReviewReason; text?: string };
}

/** Intents of another topic: a question asked in the middle of a dialog is answered, then the open question comes again. */
const TOPIC_INTENTS = new Set<Intent>([...(Object.keys(FAQ) as Intent[]), 'greeting', 'thanks']);
const SP_MODE = /spモード|sp[\s-]?mode/;
/** Below this confidence an out-of-scope question gets the out-of-scope answer, not the guess's. */
const GUESS_FLOOR = 0.25;
/** The offer of a person is the engine's own question, whatever dialog is open. */
const OFFER: Question = { choices: ['yes', 'no'] };

/**
 * One turn: the replies in the conversation's language, the events and the
 * review item it leaves. The first reply carries what the bot understood
 * (intent, confidence, entities). It is the `TurnApi` dialogs act through.
 */
class Turn implements TurnApi {
  readonly replies: Reply[] = [];
  readonly events: OutcomeEvent[] = [];
  reviewItem?: TurnResult['review'];
  relayed = false;
  constructor(
    readonly deps: EngineDeps,
    readonly state: ConversationState,
    readonly u: Understanding,
    readonly inbound: Inbound,
    /** The user typed a password, PIN or card number (masked before anything read it). */
    readonly secret: boolean,
    /** Whether a user message was understood (the first reply carries what); false when the bot speaks first. */
    private readonly understood = true,
  ) {}

  get lang(): Lang {
    return this.state.lang;
  }
  get texts(): Texts {
    return this.deps.texts;
  }
  get rules(): Rules {
    return this.deps.rules;
  }
  get answers(): AnswerReader {
    return this.deps.nlu.answers;
  }
  get notice(): string | undefined {
    return this.deps.notice?.();
  }
  /** The dialog whose question is open, if any. */
  get dialog(): Dialog | undefined {
    return this.state.dialog ? DIALOGS[this.state.dialog] : undefined;
  }

  say(key: string, meta: ReplyMeta = {}, vars: Vars = {}): Reply {
    return this.push({ type: 'message', text: this.deps.texts.get(this.lang, key, vars) }, meta);
  }

  push(reply: Reply, meta: ReplyMeta = {}): Reply {
    const first = this.replies.length === 0 && this.understood ? { intent: this.u.intent, confidence: this.u.confidence, entities: this.u.entities } : {};
    const all = { ...first, ...meta };
    if (Object.keys(all).length) reply.meta = all;
    reply.lang = this.lang;
    this.replies.push(reply);
    return reply;
  }

  /** Asks a question of the open dialog (or the offer of a person), with its quick replies. */
  ask(ask: Ask, key: string, prefix?: string, vars: Vars = {}): void {
    const t = this.deps.texts;
    const text = [prefix && t.get(this.lang, prefix, vars), t.get(this.lang, key, vars)].filter(Boolean).join('\n');
    const choices = questionOf(this.state, ask)?.choices ?? [];
    const reply: Reply = { type: 'message', text };
    if (choices.length) reply.quick_replies = choices.map((v) => ({ title: t.get(this.lang, `qr.${ask}.${v}`), payload: v }));
    this.push(reply, { ask });
    this.state.ask = ask;
    if (this.state.dialog !== 'csat') this.event({ type: 'question_asked', name: ask });
  }

  event(e: OutcomeEvent): void {
    this.events.push(this.state.episode && !e.episode ? { ...e, episode: this.state.episode } : e);
  }

  review(reason: ReviewReason, text?: string): void {
    this.reviewItem = text === undefined ? { reason } : { reason, text };
  }

  async start(id: DialogId): Promise<void> {
    if (id === 'csat') {
      // Once per episode: the rating belongs to the episode that just ended.
      const episode = this.lastEpisode;
      if (episode && this.state.ratedEpisode === episode) return;
      if (episode) this.state.ratedEpisode = episode;
      this.state.csat = { by: 'bot', ...(episode ? { episode } : {}) };
    }
    await DIALOGS[id].begin(this);
  }

  /** The episode the turn ended (for a rating asked right after). */
  private lastEpisode: string | undefined;

  endEpisode(e: OutcomeEvent): void {
    this.event(e);
    this.lastEpisode = this.state.episode;
    delete this.state.episode;
  }

  offerPerson(key: string): void {
    this.state.ask = null;
    this.ask('handoff', key);
  }

  handOff(reason: HandoffReason): Promise<void> {
    return handOff(this, reason);
  }
}

/** The declaration of a question: the open dialog's, or the offer of a person. */
function questionOf(state: ConversationState, ask: Ask): Question | undefined {
  if (ask === 'handoff') return OFFER;
  return state.dialog ? DIALOGS[state.dialog].questions[ask] : undefined;
}

/**
 * One turn of the conversation: a pure function of the state and the message
 * (plus the ticket sink, which opens hand-offs). Global interrupts come first
 * (an open ticket, a secret, an empty message, an emergency, a request for a
 * person), then the open question, then the message's own intent.
 */
export async function turn(deps: EngineDeps, previous: ConversationState | undefined, inbound: Inbound): Promise<TurnResult> {
  const state = freshState(previous, inbound.at);
  const masked = redact(inbound.text);
  const u = deps.nlu.understand(masked.text.replace(MASKS, ' ')); // masks are neither language nor meaning
  if (u.lang) state.lang = u.lang;
  const t = new Turn(deps, state, u, { ...inbound, text: masked.text }, masked.found.includes('secret') || masked.found.includes('card'));
  await route(t);
  state.lastAt = inbound.at;
  const openAsk = state.dialog && state.ask && DIALOGS[state.dialog].otherwise === 'reask' ? state.ask : null;
  return {
    state,
    replies: t.replies,
    understanding: u,
    relayed: t.relayed,
    text: masked.text,
    openAsk,
    events: t.events,
    ...(t.reviewItem ? { review: t.reviewItem } : {}),
  };
}

async function route(t: Turn): Promise<void> {
  const { state, u, deps } = t;
  if (state.ticket && (await withAgent(t, state.ticket))) return;
  if (state.dialog !== 'csat') beginEpisode(t); // a rating belongs to the episode it rates
  t.event({ type: 'message', name: u.intent });
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
  const dialog = t.dialog;
  if (dialog && state.ask) return continueDialog(t, dialog, state.ask);
  return idle(t);
}

/** Random bytes drawn a page at a time: one system call for many episodes. */
let pool: Buffer = Buffer.alloc(0);
let drawn = 0;

/** Time first, then randomness: episode ids sort by when the episode began. */
function episodeId(at: number): string {
  if (drawn + 6 > pool.length) [pool, drawn] = [randomBytes(3072), 0];
  drawn += 6;
  return at.toString(36).padStart(9, '0') + pool.toString('base64url', drawn - 6, drawn);
}

/** The first message of a problem starts an episode (analytics counts conversations by episode). */
function beginEpisode(t: Turn): void {
  if (t.state.episode) return;
  t.state.episode = episodeId(t.inbound.at);
  t.event({ type: 'episode_start', name: t.u.intent });
}

/**
 * While a ticket is open the bot steps aside: the message goes to the agent.
 * A waiting user is told their place in the queue and may cancel; once the
 * ticket is over, the bot takes the conversation back. Returns whether the
 * ticket had the message.
 */
async function withAgent(t: Turn, ticketId: string): Promise<boolean> {
  const { state, u, deps } = t;
  const ticket = await deps.tickets.status(ticketId);
  if (!ticket || ticket.status === 'closed' || ticket.status === 'cancelled') {
    delete state.ticket;
    return false;
  }
  if (deps.rules.test('cancel', u.normalised)) {
    await deps.tickets.cancel(ticketId, t.inbound.at);
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
  return ask !== null && ask in t.u.facts && t.u.facts[ask as keyof typeof t.u.facts] !== undefined;
}

function emptyMessage(t: Turn): void {
  t.say('empty');
  reaskOpenQuestion(t);
}

/** The text key that asks `ask`. */
function askKey(state: ConversationState, ask: Ask): string {
  if (ask === 'resolved') return 'did_it_work';
  if (ask === 'handoff') return 'offer_agent';
  if (ask === 'csat') return `csat.ask.${state.csat?.by ?? 'bot'}`;
  if (ask === 'csat_reason') return 'csat.reason';
  return `ask.${ask}`;
}

/** Asks the open question again (after an interruption), if there is one. */
function reaskOpenQuestion(t: Turn, prefix?: string, vars: Vars = {}): void {
  const ask = t.state.ask;
  if (ask) t.ask(ask, askKey(t.state, ask), prefix, vars);
}

/** An answer that says two things (「Wi-Fiと4G」): the question again, saying what was understood, with its buttons. */
function askUnsure(t: Turn, ask: Ask, value: string): void {
  t.review('reask');
  reaskOpenQuestion(t, 'unsure', { value: t.deps.texts.get(t.lang, `qr.${ask}.${value}`) });
}

/** The user answers the offer of a person: yes opens a ticket, no closes kindly (or resumes the question). */
async function answerOffer(t: Turn): Promise<void> {
  const { state, u, deps } = t;
  const answer = deps.nlu.answers.read('handoff', u)?.value;
  if (answer) t.event({ type: 'question_answered', name: 'handoff' });
  if (answer === 'yes') return handOff(t, state.confusedOffer ? 'confused' : 'offer_accepted');
  if (answer === 'no') {
    const resume = state.resumeAsk;
    delete state.resumeAsk;
    delete state.confusedOffer;
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
  delete state.confusedOffer;
  const dialog = t.dialog;
  if (dialog && state.ask) return continueDialog(t, dialog, state.ask);
  if (dialog && dialog.starts(t)) return dialog.begin(t);
  return idle(t);
}

/** A message while `dialog` waits on `ask`: an answer, a question from another topic, or not understood. */
async function continueDialog(t: Turn, dialog: Dialog, ask: Ask): Promise<void> {
  const reading = dialog.read(t, ask);
  if (reading && !reading.sure && !isInterjection(t)) return askUnsure(t, ask, reading.value);
  const readFirst = dialog.questions[ask]?.readFirst === true;
  if (!readFirst && isInterjection(t)) return answerInterjection(t);
  if (reading) {
    t.state.misunderstood = 0;
    if (t.state.dialog !== 'csat') t.event({ type: 'question_answered', name: ask });
    return dialog.answered(t, ask, reading.value);
  }
  if (dialog.otherwise === 'release') {
    endDialog(t.state); // the rating is skipped silently; the message is handled as usual
    beginEpisode(t);
    return idle(t);
  }
  if (readFirst && isInterjection(t)) return answerInterjection(t);
  if (!readFirst && TOPIC_INTENTS.has(t.u.intent)) return answerInterjection(t);
  return notUnderstood(t);
}

/** A question from another topic while a question is open: not an answer to it. */
function isInterjection(t: Turn): boolean {
  const { u, deps } = t;
  if (!deps.rules.test('question', u.normalised)) return false;
  return TOPIC_INTENTS.has(u.guess) || isLoginIntent(u.guess) || u.intent === 'out_of_scope' || deps.rules.test('privacy', u.normalised);
}

/** The answer to a side question: an FAQ, an explanation, or, where our material has no facts, an honest "this chat cannot confirm". */
function sideAnswerKey(t: Turn, intent: Intent): string {
  const { u, deps } = t;
  if (deps.rules.test('no_facts', u.normalised)) return 'faq.no_facts';
  if (deps.rules.test('privacy', u.normalised)) return 'faq.privacy';
  if (SP_MODE.test(u.normalised) && isLoginIntent(u.guess)) return 'faq.sp_mode';
  return topicAnswerKey(intent);
}

/** Answers a question from another topic, then asks the open question again. */
function answerInterjection(t: Turn): void {
  const { u } = t;
  t.state.misunderstood = 0;
  // Just under the out-of-scope line, the classifier's guess is still the best topic to answer.
  t.say(sideAnswerKey(t, u.intent === 'out_of_scope' && u.confidence >= GUESS_FLOOR ? u.guess : u.intent));
  reaskOpenQuestion(t, 'resume');
}

/** One re-ask of the same question; the second miss in a row offers a person. */
function notUnderstood(t: Turn): void {
  const { state } = t;
  misread(t, 'unread_answer');
  state.misunderstood++;
  if (state.misunderstood >= 2) return offerPersonConfused(t);
  reaskOpenQuestion(t, 'reask');
}

/** A message the bot could not understand: counted, and sent to the review inbox. */
function misread(t: Turn, reason: 'out_of_scope' | 'unread_answer'): void {
  t.event({ type: 'misunderstood', name: reason });
  t.review(reason);
  t.state.lastMisread = t.inbound.text.slice(0, 500);
}

function offerPersonConfused(t: Turn): void {
  const { state } = t;
  state.misunderstood = 0;
  if (state.ask && state.ask !== 'handoff') state.resumeAsk = state.ask;
  state.confusedOffer = true;
  t.offerPerson('handoff.offer_confused');
}

/** No open question: start (or feed) the dialog the message calls for, or answer the topic. */
async function idle(t: Turn): Promise<void> {
  const { state, u } = t;
  // A login failure just under the out-of-scope line is still better helped than turned away.
  const probableLogin = u.intent === 'out_of_scope' && isLoginIntent(u.guess) && u.confidence >= GUESS_FLOOR;
  const dialog = Object.values(DIALOGS).find((d) => d.starts(t)) ?? (probableLogin ? DIALOGS.troubleshoot : undefined);
  if (dialog) return dialog.begin(t);
  const faq = faqOf(u.intent);
  if (faq) {
    state.misunderstood = 0;
    t.say(sideAnswerKey(t, u.intent));
    if (faq.offerAgent) t.offerPerson('offer_agent');
    return;
  }
  if (u.intent === 'out_of_scope') {
    misread(t, 'out_of_scope');
    state.misunderstood++;
    if (state.misunderstood >= 2) return offerPersonConfused(t);
    t.say(sideAnswerKey(t, 'out_of_scope'));
    return;
  }
  state.misunderstood = 0;
  if (u.intent === 'goodbye') endDialog(state);
  t.say(SMALL_TALK[u.intent] ?? 'out_of_scope');
}

/** Opens (or finds) a ticket, tells the user the agent will see the conversation, and steps aside. */
async function handOff(t: Turn, reason: HandoffReason): Promise<void> {
  const { state, deps, inbound } = t;
  const summary: TicketSummary = { reason, slots: { ...state.slots }, remedies: [...state.remedies] };
  const firstMessage = state.firstMessage ?? inbound.text.slice(0, 500);
  if (firstMessage) summary.firstMessage = firstMessage;
  if (state.episode) summary.episode = state.episode;
  if (reason === 'confused' && state.lastMisread) t.review('handoff_confused', state.lastMisread);
  const ticket = await deps.tickets.open({
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
    t.endEpisode({ type: 'handoff', name: reason });
  }
  endDialog(state);
  state.ticket = ticket.id;
}

/**
 * After an agent closes a ticket: the bot takes the conversation back, says
 * so, and asks for a rating of the agent's help (once for the episode). Pure:
 * the help desk saves the state and delivers the replies.
 */
export async function agentClosed(
  deps: Omit<EngineDeps, 'tickets'>,
  previous: ConversationState | undefined,
  episode: string | undefined,
  at: number,
): Promise<Pick<TurnResult, 'state' | 'replies' | 'events'>> {
  const state = freshState(previous, at);
  delete state.ticket;
  endDialog(state);
  const u = deps.nlu.understand('');
  const t = new Turn({ ...deps, tickets: NO_TICKETS }, state, u, { conversationId: '', channel: 'web', text: '', at }, false, false);
  t.push({ type: 'message', text: deps.texts.get(state.lang, 'handoff.closed') });
  if (!(episode && state.ratedEpisode === episode)) {
    if (episode) state.ratedEpisode = episode;
    state.csat = { by: 'agent', ...(episode ? { episode } : {}) };
    await DIALOGS.csat.begin(t);
  }
  state.lastAt = at;
  return { state, replies: t.replies, events: t.events };
}

/** A sink for turns that open no ticket. */
const NO_TICKETS: TicketSink = {
  open: () => Promise.reject(new Error('no ticket is opened here')),
  status: () => Promise.resolve(undefined),
  cancel: () => Promise.resolve(),
};
