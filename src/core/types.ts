/**
 * Types shared by every layer: what a channel hands the engine, what the engine
 * hands back, and the conversation state that is saved between turns.
 */
import type { RemedyId, SlotName, SlotValue } from '../../dialogs/troubleshoot.js';
import { FAQ, type FaqIntent } from '../../dialogs/faq.js';

/** The two languages the bot speaks. */
export type Lang = 'ja' | 'en';

/** Intents that report a failed login: they start (or feed) the troubleshooting dialog. */
const LOGIN_INTENTS = ['login_failed', 'carrier_switched', 'wifi_login', 'app_outdated', 'temporary_error', 'error_code'] as const;

/** Intent labels of the spec (§1). Urgent cases (fraud, a lost phone) are caught by rules, before intents. */
export const INTENTS = [
  ...LOGIN_INTENTS,
  ...(Object.keys(FAQ) as FaqIntent[]),
  'human_agent',
  'greeting',
  'thanks',
  'goodbye',
  'affirm',
  'deny',
  'out_of_scope',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Whether an intent reports a failed login. */
export const isLoginIntent = (intent: Intent): boolean => (LOGIN_INTENTS as readonly Intent[]).includes(intent);

export const CARRIERS = ['docomo', 'ahamo', 'au', 'povo', 'uq', 'softbank', 'ymobile', 'linemo', 'rakuten', 'mvno'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Entities of spec §1, normalised. Only the keys a message states are present. */
export interface Entities {
  error_code?: string;
  carrier?: Carrier;
  network?: 'wifi' | 'mobile';
  os?: 'ios' | 'android';
  app_version?: string;
}

/** Slots of the troubleshooting dialog (spec §2), as `dialogs/troubleshoot.ts` declares them, and what the agent's summary keeps beside them. */
export type Slots = { [S in SlotName]?: SlotValue<S> } & {
  /** The carrier as the user named it, kept for the agent's summary. */
  carrierRaw?: Carrier;
  error_code?: string;
};
export { REMEDIES, type SlotName, type RemedyId } from '../../dialogs/troubleshoot.js';

/** What `meta.ask` may say: a slot, whether a remedy worked, the offer of a person, or a satisfaction rating and its reason. */
export type Ask = SlotName | 'resolved' | 'handoff' | 'csat' | 'csat_reason';

/** The declared dialogs (`dialogs/`): the troubleshooting one and the satisfaction rating. */
export type DialogId = 'troubleshoot' | 'csat';

/** One message from a user, normalised at the channel's edge. */
export interface Inbound {
  /** Server-side conversation key (never a value the client chose freely). */
  conversationId: string;
  channel: ChannelName;
  text: string;
  /** Milliseconds since the epoch, from the server clock. */
  at: number;
}
/** The channels users reach the bot on (a new channel adds its name here; analytics filters and labels follow). */
export const CHANNELS = ['web', 'slack', 'terminal'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface QuickReply {
  title: string;
  payload: string;
}

export interface ReplyMeta {
  intent?: string;
  confidence?: number;
  entities?: Entities;
  ask?: Ask;
  remedy?: RemedyId;
  handoff?: string;
  /** A hand-off ticket's priority when it is urgent. */
  priority?: 'urgent';
}

/** One bot message, as spec §5 describes it. Channels render it; dialogs never build markup. */
export interface Reply {
  type: 'message';
  text: string;
  quick_replies?: QuickReply[];
  meta?: ReplyMeta;
  /** The language the text is written in (the widget's own labels follow it). */
  lang?: Lang;
  /** The transcript row id, once saved: channels match echoes and history by it. */
  id?: number;
}

/** What the bot did with one inbound message. */
export interface BotResult {
  /** The replies to render, in order (empty when the message went to an agent). */
  replies: Reply[];
  /** The message went to the agent of an open ticket: no bot reply follows. */
  relayed: boolean;
  /** Set when the message was not handled: too long (`replies` asks the user to shorten it). */
  rejected?: 'too_long';
}

/** Outcome events analytics counts; ids and labels only, never user text. */
export type OutcomeType =
  | 'episode_start'
  | 'message'
  | 'question_asked'
  | 'question_answered'
  | 'remedy_given'
  | 'remedy_result'
  | 'resolved'
  | 'handoff'
  | 'ticket_claimed'
  | 'ticket_closed'
  | 'csat_asked'
  | 'rating'
  | 'misunderstood'
  | 'abandoned';

/** Why a message goes to the review inbox (what the bot failed to understand). */
export const REVIEW_REASONS = ['out_of_scope', 'unread_answer', 'reask', 'handoff_confused', 'low_rating'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** One outcome: its type, a label (the intent, question, remedy, hand-off reason…) and a number (1/0 worked, a rating, seconds). */
export interface OutcomeEvent {
  type: OutcomeType;
  /** The episode it belongs to, when not the conversation's current one (a rating after the episode ended). */
  episode?: string;
  name?: string;
  value?: number;
  /** For agents' times: the part of `value` that fell inside business hours. */
  valueBh?: number;
}

/** A record of one remedy given and what the user said of it. */
export interface RemedyTried {
  remedy: RemedyId;
  worked?: boolean;
}

/** Everything the bot remembers about one conversation: plain JSON, versioned. */
export interface ConversationState {
  version: 1;
  lang: Lang;
  /** The open dialog, if any. */
  dialog: DialogId | null;
  slots: Slots;
  /** The question the bot is waiting on. */
  ask: Ask | null;
  remedies: RemedyTried[];
  /** Messages in a row the bot could not understand. */
  misunderstood: number;
  /** The first message of the conversation's current problem, for the agent's summary. */
  firstMessage?: string;
  /** The open hand-off ticket, while a person has the conversation. */
  ticket?: string;
  /** The question to go back to when the user declines the offer of a person made out of confusion. */
  resumeAsk?: Ask;
  /** The current episode: from the first message of a problem to its end (resolved, handed off, abandoned, expired). */
  episode?: string;
  /** The rating under way: who solved the problem (the bot or an agent) and the episode it rates. */
  csat?: { by: 'bot' | 'agent'; episode?: string };
  /** The last episode whose rating was asked (never twice for one episode). */
  ratedEpisode?: string;
  /** The offer of a person was made because the bot did not understand (a hand-off then has reason `confused`). */
  confusedOffer?: boolean;
  /** The last message the bot could not read (masked), for the review inbox when it ends in a hand-off. */
  lastMisread?: string;
  lastAt: number;
}
