/**
 * Slack text both ways: Slack markup in (mentions, links, entities) to the
 * plain text the NLU reads, and replies / tickets out to Block Kit, always
 * with a plain `text` fallback (notifications, clients without blocks).
 */
import type { types } from '@slack/bolt';
import type { Reply } from '../../core/types.js';
import type { Ticket } from '../../store/tickets.js';

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

const REASONS: Record<Ticket['summary']['reason'], string> = {
  asked: 'ユーザーが担当者を希望',
  offer_accepted: 'ボットの提案で担当者へ',
  urgent_fraud: '不正利用の疑い',
  urgent_lost: '端末の紛失・盗難',
};

const SLOT_LABELS: Record<string, string> = {
  carrier: '回線',
  carrierRaw: '回線(申告)',
  switched: '乗り換え',
  network: '接続',
  os: 'OS',
  app_version: 'アプリ',
  error_code: 'エラーコード',
};

const STATUS: Record<Ticket['status'], (agent: string | null) => string> = {
  waiting: () => '⏳ 対応待ち',
  claimed: (agent) => `🙋 対応中: ${agent ?? '?'}`,
  closed: (agent) => `✅ 終了${agent ? ` (${agent})` : ''}`,
  cancelled: () => '↩️ ユーザーが取り消しました',
};

const worked = (w: boolean | undefined) => (w === true ? '解決' : w === false ? '効果なし' : '結果未回答');

/**
 * A hand-off ticket for the agents' channel: why, the facts gathered, the
 * remedies tried, the first message, its status, and the buttons its status allows.
 */
export function renderTicket(ticket: Ticket): SlackMessage {
  const { summary } = ticket;
  const urgent = ticket.priority === 'urgent';
  const slots = Object.entries(summary.slots)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${SLOT_LABELS[k] ?? k}: ${String(v)}`);
  const remedies = summary.remedies.map((r) => `${r.remedy} (${worked(r.worked)})`);
  const status = STATUS[ticket.status](ticket.agent);
  const title = `${urgent ? '🚨 *緊急* ' : ''}*引き継ぎ ${ticket.id}*`;
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: title } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*理由*\n${REASONS[summary.reason]}` },
        { type: 'mrkdwn', text: `*優先度*\n${urgent ? '緊急' : '通常'}` },
        { type: 'mrkdwn', text: `*チャネル / 言語*\n${ticket.channel} / ${ticket.lang}` },
        { type: 'mrkdwn', text: `*回線・環境*\n${escapeMrkdwn(slots.join('\n') || '—')}` },
        { type: 'mrkdwn', text: `*試した対処*\n${escapeMrkdwn(remedies.join('\n') || '—')}` },
      ],
    },
  ];
  if (summary.firstMessage)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*最初のメッセージ*\n>${escapeMrkdwn(summary.firstMessage).slice(0, 2900)}` } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${escapeMrkdwn(status)} · スレッドに書くとユーザーに届きます` }] });
  const buttons: Array<{ id: string; label: string; style?: 'primary' | 'danger' }> = [];
  if (ticket.status === 'waiting') buttons.push({ id: CLAIM_ACTION, label: '担当する', style: 'primary' });
  if (ticket.status === 'waiting' || ticket.status === 'claimed') buttons.push({ id: CLOSE_ACTION, label: '終了する', style: 'danger' });
  if (buttons.length)
    blocks.push({
      type: 'actions',
      block_id: 'ticket',
      elements: buttons.map((b) => ({
        type: 'button',
        action_id: b.id,
        value: ticket.id,
        text: { type: 'plain_text', text: b.label },
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  const text = `${urgent ? '[緊急] ' : ''}引き継ぎ ${ticket.id} (${REASONS[summary.reason]}) — ${status}${summary.firstMessage ? `\n${summary.firstMessage}` : ''}`;
  return { text: escapeMrkdwn(text), blocks };
}

/** A line in a ticket's thread: what the user (or an agent in the console) wrote. */
export function renderThreadLine(role: 'user' | 'agent', text: string, agent?: string): SlackMessage {
  const who = role === 'user' ? 'ユーザー' : `${agent ?? '担当者'} (コンソール)`;
  const line = `*${escapeMrkdwn(who)}:* ${escapeMrkdwn(text)}`;
  return { text: line, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line.slice(0, SECTION_MAX) } }] };
}
