import { z } from 'zod';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';

const RULE_NAMES = [
  'yes',
  'no',
  'worked',
  'failed',
  'question',
  'privacy',
  'urgent_fraud',
  'urgent_lost',
  'not_docomo',
  'dont_know',
  'cancel',
  'no_facts',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];
const RuleFile = z.object(Object.fromEntries(RULE_NAMES.map((n) => [n, z.array(z.string().min(1)).min(1)])) as Record<RuleName, z.ZodArray<z.ZodString>>);

/**
 * The dialog's wording rules (`dialogs/rules.json`): whether a message says
 * yes or no, that a remedy worked or failed, asks a question, offers a secret,
 * or reports an emergency. Regular expressions on normalised text, as data.
 */
export class Rules {
  private readonly compiled: Record<RuleName, RegExp[]>;

  constructor(source: Record<RuleName, string[]>) {
    this.compiled = Object.fromEntries(
      RULE_NAMES.map((name) => {
        const list = source[name].map((p) => {
          try {
            return new RegExp(p);
          } catch (e) {
            throw new Error(`dialogs/rules.json ${name}: ${(e as Error).message}`, { cause: e });
          }
        });
        return [name, list];
      }),
    ) as Record<RuleName, RegExp[]>;
  }

  /** Loads and compiles `dialogs/rules.json`. */
  static load(file = fromRoot('dialogs', 'rules.json')): Rules {
    return new Rules(loadJson(file, RuleFile.extend({ $comment: z.string().optional() })));
  }

  /** Whether a normalised message matches the named rule. */
  test(name: RuleName, normalised: string): boolean {
    return this.compiled[name].some((re) => re.test(normalised));
  }

  /** Yes, no, or neither, for a yes/no question. */
  yesNo(normalised: string): 'yes' | 'no' | undefined {
    if (this.test('no', normalised)) return 'no';
    if (this.test('yes', normalised)) return 'yes';
    return undefined;
  }

  /** Whether the user says a remedy worked (`yes`), did not (`no`), or neither. */
  outcome(normalised: string): 'yes' | 'no' | undefined {
    if (this.test('failed', normalised)) return 'no';
    if (this.test('worked', normalised)) return 'yes';
    return this.yesNo(normalised);
  }

  /** Which emergency the message reports, if any. */
  urgent(normalised: string): 'fraud' | 'lost' | undefined {
    if (this.test('urgent_fraud', normalised)) return 'fraud';
    if (this.test('urgent_lost', normalised)) return 'lost';
    return undefined;
  }
}
