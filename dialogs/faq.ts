/**
 * Answers outside the troubleshooting flow: FAQ topics, small talk, and short
 * explanations used when a user asks about something in the middle of it.
 * Each maps an intent to a reply-text key; the texts live in `texts/<lang>.json`.
 */
import type { Intent } from '../src/core/types.js';

/** FAQ intents and their answer keys. `offerAgent` ones end with the offer of a person. */
export const FAQ: Partial<Record<Intent, { key: string; offerAgent?: boolean }>> = {
  create_account: { key: 'faq.create_account' },
  contact_support: { key: 'faq.contact_support' },
  password_forgotten: { key: 'faq.password_forgotten', offerAgent: true },
  dcard_benefits: { key: 'faq.dcard_benefits' },
};

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
  return FAQ[intent]?.key ?? EXPLAIN[intent] ?? SMALL_TALK[intent] ?? 'out_of_scope';
}
