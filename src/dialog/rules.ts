import { z } from 'zod';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';

/** Every rule of `dialogs/rules.json`. How answers are worded (yes, no, worked…) lives in `intents/answers.json` (`nlu/answers.ts`). */
const RULE_NAMES = ['question', 'privacy', 'no_facts', 'urgent_fraud', 'urgent_lost', 'cancel'] as const;
export type RuleName = (typeof RULE_NAMES)[number];
const RuleFile = z.object(Object.fromEntries(RULE_NAMES.map((n) => [n, z.array(z.string().min(1)).min(1)])) as Record<RuleName, z.ZodArray<z.ZodString>>);

/**
 * The dialog's wording rules (`dialogs/rules.json`): whether a message asks a
 * question, offers a secret, asks something our material has no facts for,
 * reports an emergency, or cancels a hand-off. Regular expressions on
 * normalised text, as data.
 */
export class Rules {
  private readonly compiled: Record<RuleName, RegExp[]>;

  /** `file` names where `source` came from in the error a pattern that does not compile raises. */
  constructor(source: Record<RuleName, string[]>, file = 'dialogs/rules.json') {
    this.compiled = Object.fromEntries(
      RULE_NAMES.map((name) => {
        const list = source[name].map((p) => {
          try {
            return new RegExp(p);
          } catch (e) {
            throw new Error(`${file} ${name}: ${(e as Error).message}`, { cause: e });
          }
        });
        return [name, list];
      }),
    ) as Record<RuleName, RegExp[]>;
  }

  /** Loads and compiles `dialogs/rules.json`, or the rules file given. */
  static load(file = fromRoot('dialogs', 'rules.json')): Rules {
    return new Rules(loadJson(file, RuleFile.extend({ $comment: z.string().optional() })), file);
  }

  /** Whether a normalised message matches the named rule. */
  test(name: RuleName, normalised: string): boolean {
    return this.compiled[name].some((re) => re.test(normalised));
  }

  /** Which emergency the message reports, if any. */
  urgent(normalised: string): 'fraud' | 'lost' | undefined {
    if (this.test('urgent_fraud', normalised)) return 'fraud';
    if (this.test('urgent_lost', normalised)) return 'lost';
    return undefined;
  }
}
