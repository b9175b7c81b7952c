import { z } from 'zod';
import { SLOTS, SLOT_NAMES, type SlotName, type SlotValue } from '../../dialogs/troubleshoot.js';

/** The questions the reader reads answers to: the slots, whether a remedy worked, and the offer of a person. */
export type Question = SlotName | 'resolved' | 'handoff';
import { loadJson, regexSource } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import type { Understanding } from './index.js';

const Patterns = z.array(regexSource());
const Table = <V extends string>(values: readonly [V, ...V[]]) => z.object(Object.fromEntries(values.map((v) => [v, Patterns])) as Record<V, typeof Patterns>);

/** Each slot question's values, which are also its quick replies' payloads, as `dialogs/troubleshoot.ts` declares them. */
const SLOT_VALUES = Object.fromEntries(SLOT_NAMES.map((s) => [s, SLOTS[s].values])) as { [S in SlotName]: (typeof SLOTS)[S]['values'] };

const YES_NO = ['yes', 'no'] as const;
const Plain = z.object({ yes: z.string().optional(), no: z.string().optional(), dont_know: z.string().optional() });

const AnswerFile = z
  .object({
    $comment: z.string().optional(),
    yes: Patterns.min(1),
    no: Patterns.min(1),
    worked: Patterns.min(1),
    failed: Patterns.min(1),
    dont_know: Patterns.min(1),
    slots: z.object(
      Object.fromEntries(SLOT_NAMES.map((s) => [s, Table(SLOT_VALUES[s])])) as unknown as { [S in SlotName]: ReturnType<typeof Table<SlotValue<S>>> },
    ),
    plain: z.object(Object.fromEntries(SLOT_NAMES.map((s) => [s, Plain])) as Record<SlotName, typeof Plain>).partial(),
  })
  .superRefine((data, ctx) => {
    for (const [slot, plain] of Object.entries(data.plain)) {
      for (const [said, value] of Object.entries(plain ?? {})) {
        if (value !== undefined && !(SLOT_VALUES[slot as SlotName] as readonly string[]).includes(value)) {
          ctx.addIssue({ code: 'custom', message: `not a value of ${slot}`, path: ['plain', slot, said] });
        }
      }
    }
  });
export type AnswerData = z.infer<typeof AnswerFile>;

/** Loads and checks `intents/answers.json` (or another file of its shape). */
export function loadAnswerData(file = fromRoot('intents', 'answers.json')): AnswerData {
  return loadJson(file, AnswerFile);
}

/** How the reader understood an answer: the question's normalised value, and whether the wording leaves no doubt. */
export interface Reading {
  value: string;
  sure: boolean;
}

const anyOf = (patterns: string[]) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'));
const anyOfAll = (patterns: string[]) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'g');

/** A wording table compiled: each value and what states it. */
type Matchers = { value: string; re: RegExp }[];

/**
 * Reads a message as the answer to the question the bot has open, before the
 * classifier's intent is looked at: a quick-reply payload sent back as text;
 * for a slot, what the message states of it (entities and wording facts, then
 * the indirect wording of `intents/answers.json`: 「ギガ使うとる方」 → mobile,
 * 「格安のやつ」 → other), else a plain yes / no / don't know as the question
 * means it; for `resolved`, whether the remedy worked; for `handoff`, yes or
 * no. The classifier (affirm, deny, thanks) is the fall-back. Dialect, romaji
 * and kana spellings reach it already standardised (`dialect.json`), so one
 * table serves them all. `sure` is false when the wording says two things at
 * once (Wi-Fi and 4G, worked and failed): the dialog should check.
 */
export class AnswerReader {
  private readonly yes: RegExp;
  private readonly no: RegExp;
  private readonly worked: RegExp;
  private readonly failed: RegExp;
  private readonly dontKnow: RegExp;
  private readonly slots: Record<SlotName, Matchers>;
  private readonly plain: AnswerData['plain'];

  constructor(data: AnswerData = loadAnswerData()) {
    this.yes = anyOf(data.yes);
    this.no = anyOf(data.no);
    this.worked = anyOf(data.worked);
    this.failed = anyOfAll(data.failed);
    this.dontKnow = anyOf(data.dont_know);
    this.slots = Object.fromEntries(
      (Object.keys(SLOT_VALUES) as SlotName[]).map((slot) => [
        slot,
        Object.entries(data.slots[slot] as Record<string, string[]>)
          .filter(([, patterns]) => patterns.length > 0)
          .map(([value, patterns]) => ({ value, re: anyOf(patterns) })),
      ]),
    ) as Record<SlotName, Matchers>;
    this.plain = data.plain;
  }

  /** The message read as the answer to `ask`, or undefined when it does not answer it. */
  read(ask: Question, u: Understanding): Reading | undefined {
    const text = u.normalised;
    const values: readonly string[] = ask === 'resolved' || ask === 'handoff' ? YES_NO : SLOT_VALUES[ask];
    if (values.includes(text)) return { value: text, sure: true };
    if (ask === 'resolved') return this.outcome(u);
    if (ask === 'handoff') return this.sureOf(this.yesNo(u) ?? intentYesNo(u));
    return this.slot(ask, u);
  }

  /** A plain yes or no in the wording (no is checked first), whatever the question; undefined when neither. */
  yesNo(u: Understanding): 'yes' | 'no' | undefined {
    if (this.no.test(u.normalised)) return 'no';
    if (this.yes.test(u.normalised)) return 'yes';
    return undefined;
  }

  /**
   * Whether the remedy worked. A "worked" wording inside a "failed" one does not
   * count (「解決しない」 is no "解決"); both at once (「入れたけどまた落ちた」) is unsure.
   */
  private outcome(u: Understanding): Reading | undefined {
    const text = u.normalised;
    const rest = text.replace(this.failed, (m) => ' '.repeat(m.length));
    const failed = rest !== text;
    const worked = this.worked.test(rest);
    if (failed) return { value: 'no', sure: !worked };
    if (worked) return { value: 'yes', sure: true };
    return this.sureOf(this.yesNo(u) ?? (u.intent === 'thanks' ? 'yes' : intentYesNo(u)));
  }

  /** A slot's value: what the message states of it, else a plain yes / no / don't know as the question means it. */
  private slot(slot: SlotName, u: Understanding): Reading | undefined {
    const stated = new Set<string>();
    const fact = u.facts[slot];
    if (fact !== undefined) stated.add(fact);
    for (const { value, re } of this.slots[slot]) if (re.test(u.normalised)) stated.add(value);
    const [first] = stated;
    if (first !== undefined) return { value: fact ?? first, sure: stated.size === 1 && !u.mixed?.includes(slot) };
    const plain = this.plain[slot];
    if (!plain) return undefined;
    const said = this.dontKnow.test(u.normalised) ? 'dont_know' : (this.yesNo(u) ?? intentYesNo(u));
    return this.sureOf(said && plain[said]);
  }

  private sureOf(value: string | undefined): Reading | undefined {
    return value ? { value, sure: true } : undefined;
  }
}

/** The classifier's yes or no: the fall-back when the wording has neither. */
const intentYesNo = (u: Understanding): 'yes' | 'no' | undefined => (u.intent === 'affirm' ? 'yes' : u.intent === 'deny' ? 'no' : undefined);
