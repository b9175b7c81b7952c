/**
 * Answers outside the troubleshooting flow: FAQ topics, small talk, and short
 * explanations used when a user asks about something in the middle of it.
 * Each maps an intent to a reply-text key; the texts live in `texts/<lang>.json`.
 * The FAQ intents are declared here (the intent list of `src/core/types.ts`
 * takes them from here): a new FAQ answer is a line below, its training file
 * `intents/<intent>.json` and its text.
 */
import type { Intent } from '../src/core/types.js';

/** An FAQ answer: its reply-text key, and whether it ends with the offer of a person. */
interface FaqAnswer {
  key: string;
  offerAgent?: boolean;
}

/** FAQ intents and their answers. */
export const FAQ = {
  create_account: { key: 'faq.create_account' },
  contact_support: { key: 'faq.contact_support' },
  password_forgotten: { key: 'faq.password_forgotten', offerAgent: true },
  dcard_benefits: { key: 'faq.dcard_benefits' },
} as const satisfies Record<string, FaqAnswer>;
export type FaqIntent = keyof typeof FAQ;

/** The FAQ answer of an intent, if it has one. */
export const faqOf = (intent: Intent): FaqAnswer | undefined => (intent in FAQ ? FAQ[intent as FaqIntent] : undefined);

/** Small talk and the idle yes / no. */
export const SMALL_TALK: Partial<Record<Intent, string>> = {
  greeting: 'greeting',
  thanks: 'thanks',
  goodbye: 'goodbye',
  affirm: 'idle_affirm',
  deny: 'idle_deny',
  out_of_scope: 'out_of_scope',
};

/** Short explanations of a login-failure topic, for a question asked mid-dialog. */
export const EXPLAIN: Partial<Record<Intent, string>> = {
  login_failed: 'explain.login_failed',
  carrier_switched: 'explain.carrier_switched',
  wifi_login: 'explain.wifi_login',
  app_outdated: 'explain.app_outdated',
  temporary_error: 'explain.temporary_error',
  error_code: 'explain.error_code',
};

/** The answer key for a question asked in the middle of the dialog. */
export function topicAnswerKey(intent: Intent): string {
  return faqOf(intent)?.key ?? EXPLAIN[intent] ?? SMALL_TALK[intent] ?? 'out_of_scope';
}
