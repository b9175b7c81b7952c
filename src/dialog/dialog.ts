import type { Ask, ConversationState, DialogId, Lang, OutcomeEvent, Reply, ReplyMeta, ReviewReason } from '../core/types.js';
import type { HandoffReason } from '../handoff/types.js';
import type { Understanding } from '../nlu/index.js';
import type { AnswerReader, Reading } from '../nlu/answers.js';
import type { Rules } from './rules.js';
import type { Texts, Vars } from './texts.js';

/**
 * What a dialog may do during a turn: the engine's side of the contract.
 * Dialogs (`dialogs/`) speak, ask and record through it; they never build
 * markup or touch storage.
 */
export interface TurnApi {
  readonly state: ConversationState;
  readonly u: Understanding;
  readonly lang: Lang;
  readonly texts: Texts;
  readonly rules: Rules;
  /** Reads answers to the open question (dialect, romaji, indirect wording…). */
  readonly answers: AnswerReader;
  /** A maintenance notice the support team set. */
  readonly notice: string | undefined;
  /** Says a reply text. */
  say(key: string, meta?: ReplyMeta, vars?: Vars): Reply;
  /** Says a ready text (a remedy built from its parts). */
  push(reply: Reply, meta?: ReplyMeta): Reply;
  /** Asks `ask` of the open dialog with its quick replies, and waits for the answer. */
  ask(ask: Ask, key: string, prefix?: string, vars?: Vars): void;
  /** Records an outcome event. */
  event(e: OutcomeEvent): void;
  /** Sends the message (or `text`) to the review inbox. */
  review(reason: ReviewReason, text?: string): void;
  /** Starts another dialog (the rating, after a resolution). */
  start(id: DialogId): Promise<void>;
  /** Ends the current episode with its outcome event (the troubleshooting dialog's resolution). */
  endEpisode(e: OutcomeEvent): void;
  /** Offers a person (yes / no). */
  offerPerson(key: string): void;
  /** Opens (or finds) a hand-off ticket. */
  handOff(reason: HandoffReason): Promise<void>;
}

/** A question a dialog asks: the payloads of its quick replies (none: a free answer). */
export interface Question {
  choices: readonly string[];
  /** Read the answer before looking for a question from another topic (「できた？」 at "did it work?" is an answer). */
  readFirst?: boolean;
}

/**
 * A dialog as a declaration the engine walks: the questions it asks, when it
 * starts, how it reads an answer and what it does next. The engine knows no
 * dialog by name.
 */
export interface Dialog {
  id: DialogId;
  questions: Partial<Record<Ask, Question>>;
  /** A message that does not answer: `reask` (once, then the offer of a person) or `release` (the dialog lets go silently and the message is handled as usual). */
  otherwise: 'reask' | 'release';
  /** Whether a message with no question open starts (or feeds) this dialog. */
  starts(t: TurnApi): boolean;
  /** Starts the dialog, or goes on with it when a message brings facts and no question is open. */
  begin(t: TurnApi): Promise<void>;
  /** The message read as the answer to `ask` (not sure when it says two things), or undefined when it is not one. Reads only: `answered` applies. */
  read(t: TurnApi, ask: Ask): Reading | undefined;
  /** What follows an answer. */
  answered(t: TurnApi, ask: Ask, value: string): Promise<void>;
}
