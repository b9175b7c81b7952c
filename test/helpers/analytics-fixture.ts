/**
 * A known fortnight of outcome events whose figures can be checked by hand
 * (the figures are worked out in test/agent/analytics.test.ts): episodes on
 * 2026-11-09 (the period before), 10, 11 (one just after midnight in Tokyo)
 * and 12, on web and Slack, in Japanese and English.
 */
import type { EventRow } from '../../src/store/repos/events.js';

/** Noon in Tokyo on a day of November 2026. */
const noon = (day: number, minutes = 0) => Date.UTC(2026, 10, day, 3, minutes);
type Ev = [type: EventRow['type'], name?: string, value?: number, valueBh?: number];
/** One episode's events, a minute apart, on one channel and language. */
export const episode = (id: string, at: number, channel: EventRow['channel'], lang: EventRow['lang'], events: Ev[]): EventRow[] =>
  events.map(([type, name, value, valueBh], i) => ({ at: at + i * 60_000, conversationId: `c-${id}`, episode: id, channel, lang, type, name, value, valueBh }));

export const SEED: EventRow[] = [
  // 2026-11-09, the period before 10–11: one hand-off.
  ...episode('F', noon(9), 'web', 'ja', [
    ['episode_start', 'login_failed'],
    ['message', 'login_failed'],
    ['handoff', 'asked'],
  ]),
  // 2026-11-10: resolved (A), abandoned (B), handed off on Slack in English (C), handed off after a remedy failed (D).
  ...episode('A', noon(10), 'web', 'ja', [
    ['episode_start', 'login_failed'],
    ['message', 'login_failed'],
    ['question_asked', 'carrier'],
    ['message', 'login_failed'],
    ['question_answered', 'carrier'],
    ['remedy_given', 'disable_wifi'],
    ['remedy_result', 'disable_wifi', 1],
    ['resolved', 'disable_wifi'],
    ['csat_asked', 'bot'],
    ['rating', 'bot', 5],
  ]),
  ...episode('B', noon(10), 'web', 'ja', [
    ['episode_start', 'wifi_login'],
    ['message', 'wifi_login'],
    ['question_asked', 'carrier'],
    ['misunderstood', 'unread_answer'],
    ['question_asked', 'carrier'],
    ['question_answered', 'carrier'],
    ['question_asked', 'network'],
    ['abandoned', 'network'],
  ]),
  ...episode('C', noon(10), 'slack', 'en', [
    ['episode_start', 'human_agent'],
    ['message', 'human_agent'],
    ['handoff', 'asked'],
    ['ticket_claimed', undefined, 120, 60],
    ['ticket_closed', undefined, 300, 300],
    ['csat_asked', 'agent'],
    ['rating', 'agent', 4],
  ]),
  ...episode('D', noon(10), 'web', 'ja', [
    ['episode_start', 'login_failed'],
    ['message', 'login_failed'],
    ['remedy_given', 'wait_retry'],
    ['remedy_result', 'wait_retry', 0],
    ['message', 'out_of_scope'],
    ['misunderstood', 'out_of_scope'],
    ['handoff', 'offer_accepted'],
    ['ticket_claimed', undefined, 600, 600],
  ]),
  // 2026-11-11 00:30 in Tokyo (still the 10th in UTC): resolved, rated 2.
  ...episode('E', Date.UTC(2026, 10, 10, 15, 30), 'web', 'ja', [
    ['episode_start', 'app_outdated'],
    ['message', 'app_outdated'],
    ['remedy_given', 'update_app_os'],
    ['remedy_result', 'update_app_os', 1],
    ['resolved', 'update_app_os'],
    ['csat_asked', 'bot'],
    ['rating', 'bot', 2],
  ]),
  // 2026-11-12: after the period asked for.
  ...episode('G', noon(12), 'web', 'ja', [
    ['episode_start', 'login_failed'],
    ['resolved', 'wait_retry'],
  ]),
];
