/**
 * Realistic outcome events for analytics tests, the page's browser test and a
 * year-long load: episodes walked through the troubleshooting dialog with
 * plausible odds (channels, languages, remedies that work or not, users who
 * leave, hand-offs with agents' times, ratings). Deterministic for a seed.
 */
import type { ChannelName, Lang, RemedyId } from '../../src/core/types.js';
import type { EventRow } from '../../src/store/repos/events.js';
import { daysFrom } from '../../src/analytics/days.js';
import { seeded } from './random.js';

type Weights<T extends string> = [T, number][];
const pick = <T extends string>(rnd: () => number, weights: Weights<T>): T => {
  let x = rnd() * weights.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weights) if ((x -= w) < 0) return v;
  return weights[0]![0];
};

const CHANNELS: Weights<ChannelName> = [
  ['web', 65],
  ['slack', 25],
  ['terminal', 10],
];
const LANGS: Weights<Lang> = [
  ['ja', 80],
  ['en', 20],
];
const FIRST: Weights<string> = [
  ['login_failed', 45],
  ['wifi_login', 14],
  ['app_outdated', 10],
  ['carrier_switched', 10],
  ['error_code', 7],
  ['temporary_error', 5],
  ['human_agent', 6],
  ['password_forgotten', 3],
];
/** How often each remedy solves the problem when the user answers (a remedy not listed: 0.3). */
const WORKS: Partial<Record<RemedyId, number>> = { recreate_account: 0.65, disable_wifi: 0.6, update_app_os: 0.55, wait_retry: 0.3, contact_center: 0.15 };
const TOKYO_OFFSET_MS = 9 * 3600_000;

/** One episode's events, starting at `at`. */
function walk(rnd: () => number, id: string, at: number): EventRow[] {
  const channel = pick(rnd, CHANNELS);
  const lang = pick(rnd, LANGS);
  const out: EventRow[] = [];
  let t = at;
  const add = (type: EventRow['type'], name?: string, value?: number, valueBh?: number) => {
    t += 20_000 + Math.floor(rnd() * 70_000);
    out.push({ at: t, conversationId: `conv-${id}`, episode: id, channel, lang, type, name, value, valueBh });
  };
  const say = (intent: string) => {
    add('message', intent);
    if (intent === 'out_of_scope') add('misunderstood', 'out_of_scope');
  };
  const rate = (about: 'bot' | 'agent', mean: number) => {
    add('csat_asked', about);
    if (rnd() < 0.6) add('rating', about, Math.max(1, Math.min(5, Math.round(mean + (rnd() - 0.6) * 5))));
  };
  const handoff = (reason: string) => {
    add('handoff', reason);
    const wait = Math.round(30 + rnd() * rnd() * 1500);
    add('ticket_claimed', undefined, wait, Math.round(wait * (0.6 + rnd() * 0.4)));
    const handle = Math.round(120 + rnd() * 900);
    add('ticket_closed', undefined, handle, Math.round(handle * (0.7 + rnd() * 0.3)));
    rate('agent', 4.2);
  };
  /** Asks a question; false when the user left it open (abandoned). */
  const ask = (question: string, answer: string): boolean => {
    add('question_asked', question);
    if (rnd() < 0.12) {
      say('out_of_scope');
      if (rnd() < 0.3) add('misunderstood', 'unread_answer');
    }
    if (rnd() < 0.07) {
      add('abandoned', question);
      return false;
    }
    say(answer);
    add('question_answered', question);
    return true;
  };

  const first = pick(rnd, FIRST);
  add('episode_start', first);
  say(first);
  if (rnd() < 0.03) return (add('handoff', rnd() < 0.5 ? 'urgent_fraud' : 'urgent_lost'), out);
  if (first === 'human_agent') return (handoff('asked'), out);
  if (first === 'password_forgotten') return out; // an FAQ answer; the episode expires
  if (rnd() < 0.04) return (say('out_of_scope'), say('out_of_scope'), handoff('confused'), out);

  const remedies: RemedyId[] = [];
  if (!ask('carrier', 'affirm')) return out;
  const docomo = rnd() < 0.7;
  if (!docomo) {
    if (!ask('switched', rnd() < 0.5 ? 'affirm' : 'deny')) return out;
    if (rnd() < 0.5) remedies.push('recreate_account');
  } else {
    if (!ask('network', first === 'wifi_login' ? 'wifi_login' : 'affirm')) return out;
    if (first === 'wifi_login' || rnd() < 0.4) remedies.push('disable_wifi');
  }
  if (!ask('app_version', first === 'app_outdated' ? 'app_outdated' : 'deny')) return out;
  if (first === 'app_outdated' || rnd() < 0.3) remedies.push('update_app_os');
  remedies.push('wait_retry', 'contact_center');
  for (const remedy of remedies) {
    add('remedy_given', remedy);
    if (!ask('resolved', 'affirm')) return out;
    const worked = rnd() < (WORKS[remedy] ?? 0.3);
    add('remedy_result', remedy, worked ? 1 : 0);
    if (worked) return (add('resolved', remedy), rate('bot', 4), out);
  }
  if (ask('handoff', 'affirm') && rnd() < 0.75) handoff('offer_accepted');
  return out;
}

/**
 * Events for every day from `from` to `to` (days in Tokyo): about `perDay`
 * episodes a day, fewer at weekends, at hours people write (8:00–23:59).
 */
export function seedEvents(from: string, to: string, perDay = 35, seed = 1): EventRow[] {
  const rnd = seeded(seed);
  const out: EventRow[] = [];
  for (const day of daysFrom(from, to)) {
    const midnight = Date.parse(`${day}T00:00:00Z`) - TOKYO_OFFSET_MS;
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const n = Math.round(perDay * (weekend ? 0.6 : 1) * (0.8 + rnd() * 0.4));
    for (let i = 0; i < n; i++) {
      const at = midnight + (8 + rnd() * 15) * 3600_000;
      out.push(...walk(rnd, `${day}-${i}`, Math.floor(at)));
    }
  }
  return out;
}
