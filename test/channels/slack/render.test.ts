/** Slack text both ways: markup in, Block Kit out (with the plain-text fallback). */
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, fromSlack, renderReply, renderThreadLine, renderTicket, withChoice } from '../../../src/channels/slack/render.js';
import type { Ticket } from '../../../src/handoff/types.js';
import { loadAgentLabels } from '../../../src/agent/labels.js';

const labels = loadAgentLabels();

describe('fromSlack', () => {
  it.each([
    ['<@U123ABC> ログインできません', 'ログインできません'],
    ['<@U123ABC|sato> hi', 'hi'],
    ['see <https://x.jp/a?b=1|this page>', 'see this page'],
    ['see <https://x.jp>', 'see https://x.jp'],
    ['in <#C0123|help-desk> now', 'in #help-desk now'],
    ['<!here> help', 'help'],
    ['<!subteam^S1|@support> help', '@support help'],
    ['A &amp; B &lt;3 &gt; C', 'A & B <3 > C'],
    ['&amp;lt;', '&lt;'],
  ])('%s → %s', (input, output) => expect(fromSlack(input)).toBe(output));

  it('keeps URLs for an agent’s words', () => {
    expect(fromSlack('see <https://x.jp|FAQ>', { keepUrls: true })).toBe('see FAQ (https://x.jp)');
  });
});

describe('renderReply', () => {
  it('escapes mrkdwn and gives a plain fallback', () => {
    const out = renderReply({ text: 'a < b & c > d' });
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(out).toEqual({ text: 'a &lt; b &amp; c &gt; d', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b &amp; c &gt; d' } }] });
  });

  it('turns quick replies into buttons (qr_<n>, value = payload) and lists them in the fallback', () => {
    const out = renderReply({
      text: '回線は？',
      quick_replies: [
        { title: 'ドコモ/ahamo', payload: 'docomo' },
        { title: 'ドコモ以外', payload: 'other' },
      ],
    });
    expect(out.blocks[1]).toEqual({
      type: 'actions',
      block_id: 'quick_replies',
      elements: [
        { type: 'button', action_id: 'qr_0', text: { type: 'plain_text', text: 'ドコモ/ahamo', emoji: true }, value: 'docomo' },
        { type: 'button', action_id: 'qr_1', text: { type: 'plain_text', text: 'ドコモ以外', emoji: true }, value: 'other' },
      ],
    });
    expect(out.text).toBe('回線は？\n• ドコモ/ahamo\n• ドコモ以外');
  });

  it('splits text over Slack’s 3000-character section limit', () => {
    expect(renderReply({ text: 'あ'.repeat(6500) }).blocks).toHaveLength(3);
  });

  it('replaces the buttons with the choice once clicked', () => {
    const out = renderReply({ text: 'q', quick_replies: [{ title: 'A & B', payload: 'a' }] });
    expect(withChoice(out.blocks, 'A & B')).toEqual([out.blocks[0], { type: 'context', elements: [{ type: 'mrkdwn', text: '✓ A &amp; B' }] }]);
  });
});

describe('renderTicket', () => {
  const ticket: Ticket = {
    id: 'T-0123456789',
    conversationId: 'web-1',
    channel: 'web',
    lang: 'ja',
    priority: 'urgent',
    status: 'waiting',
    summary: {
      reason: 'urgent_fraud',
      slots: { carrier: 'docomo', network: 'wifi' },
      remedies: [{ remedy: 'disable_wifi', worked: false }],
      firstMessage: '不正利用されたかも <script>',
    },
    agent: null,
    agentName: null,
    note: null,
    createdAt: 0,
    updatedAt: 0,
  };
  const actions = (t: Ticket) =>
    renderTicket(t, labels)
      .blocks.filter((b) => b.type === 'actions')
      .flatMap((b) => (b as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id));

  it('shows the summary, escaped, with the priority first', () => {
    const out = renderTicket(ticket, labels);
    const all = JSON.stringify(out.blocks);
    for (const part of [
      '🚨 *緊急*',
      '至急: 不正利用の疑い',
      '回線: ドコモ回線',
      '接続: Wi-Fi',
      'Wi-Fiオフ (効果なし)',
      '不正利用されたかも &lt;script&gt;',
      '対応待ち',
    ])
      expect(all).toContain(part);
    expect(out.text).toMatch(/^\[緊急\] T-0123456789/);
  });

  it('offers the buttons the status allows', () => {
    expect(actions(ticket)).toEqual(['ticket_claim', 'ticket_close']);
    expect(actions({ ...ticket, status: 'claimed', agent: 'sato' })).toEqual(['ticket_takeover', 'ticket_close']);
    expect(actions({ ...ticket, status: 'closed', agent: 'sato' })).toEqual([]);
    expect(actions({ ...ticket, status: 'cancelled' })).toEqual([]);
  });

  it('labels thread lines by who wrote them', () => {
    expect(renderThreadLine('user', 'a<b', labels).text).toBe('*ユーザー:* a&lt;b');
    expect(renderThreadLine('agent', 'hi', labels, 'sato').text).toBe('*sato (コンソール):* hi');
  });
});
