/**
 * Slack text both ways: Slack markup in (mentions, links, entities) to the
 * plain text the NLU reads, and replies / tickets out to Block Kit, always
 * with a plain `text` fallback (notifications, clients without blocks).
 */
import type { types } from '@slack/bolt';
import type { Reply } from '../../core/types.js';
import type { Ticket } from '../../handoff/types.js';
import { label, type AgentLabels } from '../../agent/labels.js';

export type Block = types.KnownBlock;

/** A message as chat.postMessage / chat.update take it. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** The prefix of quick-reply buttons' action ids (`qr_0`, `qr_1`, …). */
export const QUICK_REPLY_ACTION = /^qr_\d+$/;
export const CLAIM_ACTION = 'ticket_claim';
export const CLOSE_ACTION = 'ticket_close';
export const TAKEOVER_ACTION = 'ticket_takeover';

// Block Kit limits.
const SECTION_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const BUTTONS_MAX = 25;

/** Escapes the three characters Slack reserves in message text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack markup to plain text: mentions dropped, `<url|label>` → label
 * (`label (url)` with `keepUrls`, for an agent's words to a web user),
 * `<#C1|name>` → #name, `<!here>` dropped, entities decoded.
 *
 * @example fromSlack('<@U1> see <https://x.jp|this> &amp; <#C2|help>') // 'see this & #help'
 */
export function fromSlack(text: string, options: { keepUrls?: boolean } = {}): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/gi, '#$1')
    .replace(/<#[A-Z0-9]+>/gi, ' ')
    .replace(/<![^>|]*\|([^>]*)>/g, '$1')
    .replace(/<![^>]*>/g, ' ')
    .replace(/<([^>|]+)\|([^>]*)>/g, options.keepUrls ? '$2 ($1)' : '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Text as section blocks, split at Slack's 3000-character limit. */
function sections(text: string): Block[] {
  const escaped = escapeMrkdwn(text) || ' ';
  const blocks: Block[] = [];
  for (let i = 0; i < escaped.length; i += SECTION_MAX) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escaped.slice(i, i + SECTION_MAX) } });
  return blocks;
}

/**
 * One bot reply as Block Kit: the text as a section, quick replies as buttons
 * (`qr_<n>`, value = payload). The fallback text lists the choices too.
 */
export function renderReply(reply: Pick<Reply, 'text' | 'quick_replies'>): SlackMessage {
  const choices = (reply.quick_replies ?? []).slice(0, BUTTONS_MAX);
  const blocks = sections(reply.text);
  if (choices.length === 0) return { text: escapeMrkdwn(reply.text), blocks };
  blocks.push({
    type: 'actions',
    block_id: 'quick_replies',
    elements: choices.map((c, i) => ({
      type: 'button',
      action_id: `qr_${i}`,
      text: { type: 'plain_text', text: c.title.slice(0, BUTTON_TEXT_MAX), emoji: true },
      value: c.payload.slice(0, BUTTON_VALUE_MAX),
    })),
  });
  const fallback = `${reply.text}\n${choices.map((c) => `• ${c.title}`).join('\n')}`;
  return { text: escapeMrkdwn(fallback), blocks };
}

/** The clicked message without its buttons: the actions block becomes a note of the choice. */
export function withChoice(blocks: Block[], title: string): Block[] {
  return blocks.map((b) => (b.type === 'actions' ? { type: 'context', elements: [{ type: 'mrkdwn', text: `✓ ${escapeMrkdwn(title)}` }] } : b));
}

/** The buttons a ticket's status allows: claim while waiting, take over while claimed, close while open. */
function ticketButtons(ticket: Ticket, labels: AgentLabels): Block[] {
  const buttons: Array<{ id: string; label: string; style?: 'primary' | 'danger' }> = [];
  if (ticket.status === 'waiting') buttons.push({ id: CLAIM_ACTION, label: label(labels.action, 'claim'), style: 'primary' });
  if (ticket.status === 'claimed') buttons.push({ id: TAKEOVER_ACTION, label: label(labels.action, 'takeover') });
  if (ticket.status === 'waiting' || ticket.status === 'claimed') buttons.push({ id: CLOSE_ACTION, label: label(labels.action, 'close'), style: 'danger' });
  if (!buttons.length) return [];
  return [
    {
      type: 'actions',
      block_id: 'ticket',
      elements: buttons.map((b) => ({
        type: 'button',
        action_id: b.id,
        value: ticket.id,
        text: { type: 'plain_text', text: b.label },
        ...(b.style ? { style: b.style } : {}),
      })),
    },
  ];
}

/** A ticket's status as agents read it: waiting, claimed by whom, closed, cancelled. */
function statusLine(ticket: Ticket, labels: AgentLabels): string {
  const status = label(labels.status, ticket.status);
  const who = ticket.agentName ?? ticket.agent;
  return ticket.status === 'claimed' || (ticket.status === 'closed' && who) ? `${status}: ${who ?? '?'}` : status;
}

/**
 * A hand-off ticket for the agents' channel: why, the facts gathered, the
 * remedies tried, the first message, its status, and the buttons its status allows.
 */
export function renderTicket(ticket: Ticket, labels: AgentLabels): SlackMessage {
  const { summary } = ticket;
  const urgent = ticket.priority === 'urgent';
  const slots = Object.entries(summary.slots)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${label(labels.slot, k)}: ${label(labels.value[k] ?? {}, String(v))}`);
  const remedies = summary.remedies.map(
    (r) => `${label(labels.remedy, r.remedy)} (${label(labels.worked, r.worked === undefined ? 'unknown' : r.worked ? 'yes' : 'no')})`,
  );
  const reason = label(labels.reason, summary.reason);
  const status = statusLine(ticket, labels);
  const title = `${urgent ? `🚨 *${label(labels.priority, 'urgent')}* ` : ''}*${ticket.id}*`;
  const field = (name: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${name}*\n${escapeMrkdwn(value)}` });
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: title } },
    {
      type: 'section',
      fields: [
        field('理由', reason),
        field('優先度', label(labels.priority, ticket.priority)),
        field('チャネル / 言語', `${label(labels.channel, ticket.channel)} / ${label(labels.lang, ticket.lang)}`),
        field('回線・環境', slots.join('\n') || '—'),
        field('試した対処', remedies.join('\n') || '—'),
      ],
    },
  ];
  if (summary.firstMessage)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*最初のメッセージ*\n>${escapeMrkdwn(summary.firstMessage).slice(0, 2900)}` } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${escapeMrkdwn(status)} · ${label(labels.thread, 'hint')}` }] });
  blocks.push(...ticketButtons(ticket, labels));
  const text = `${urgent ? `[${label(labels.priority, 'urgent')}] ` : ''}${ticket.id} (${reason}) — ${status}${summary.firstMessage ? `\n${summary.firstMessage}` : ''}`;
  return { text: escapeMrkdwn(text), blocks };
}

/** A line in a ticket's thread: what the user (or an agent in the console) wrote. */
export function renderThreadLine(role: 'user' | 'agent', text: string, labels: AgentLabels, agent?: string): SlackMessage {
  const who = role === 'user' ? label(labels.thread, 'user') : label(labels.thread, 'console', { agent: agent ?? label(labels.role, 'agent') });
  const line = `*${escapeMrkdwn(who)}:* ${escapeMrkdwn(text)}`;
  return { text: line, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line.slice(0, SECTION_MAX) } }] };
}
