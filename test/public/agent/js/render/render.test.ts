import { describe, expect, it } from 'vitest';
import { actionsModel } from '../../../../../public/agent/js/render/actions.js';
import { queueRowView } from '../../../../../public/agent/js/render/queue.js';
import { badgesView, metaView, summaryView } from '../../../../../public/agent/js/render/ticket.js';
import { timelineEntries, timelineEntryView } from '../../../../../public/agent/js/render/timeline.js';
import { lineView } from '../../../../../public/agent/js/render/transcript.js';
import { agentLabels } from '../../../../helpers/labels.js';
import { findAll, hasClass, one, textOf, type Desc } from '../../../../helpers/view.js';

const me = { id: 'alice', name: 'Alice', admin: false };
const ticket = (extra: Record<string, unknown> = {}) => ({
  id: 'T-1',
  status: 'waiting',
  priority: 'normal',
  channel: 'web',
  lang: 'en',
  conversationId: 'w_abc',
  summary: { reason: 'urgent_fraud', slots: {}, remedies: [], firstMessage: '  知らない\n決済が  あります ' },
  agent: null,
  createdAt: 1000,
  updatedAt: 1000,
  ...extra,
});
const row = (t: object, extra: Record<string, unknown> = {}) =>
  queueRowView(t, { me, labels: agentLabels, fresh: false, unread: false, selected: false, onOpen: () => {}, ...extra });

describe('queue rows', () => {
  it('show the id, channel and language labels, the first message on one line, and urgency', () => {
    const view = row(ticket({ priority: 'urgent' }));
    expect(textOf(one(view, 'ti-id'))).toBe('T-1');
    expect(findAll(view, hasClass('chip')).map(textOf)).toEqual(['Web', '英語']);
    expect(textOf(one(view, 'ti-msg'))).toBe('知らない 決済が あります');
    expect(textOf(one(view, 'badge-urgent'))).toBe('緊急');
    expect(one(view, 'ticket-item').props['data-id']).toBe('T-1');
  });

  it("name the holder by display name, and say 自分 for one's own", () => {
    expect(textOf(one(row(ticket({ status: 'claimed', agent: 'slack:U123', agentName: '佐藤' })), 'ti-agent'))).toBe('佐藤');
    expect(textOf(one(row(ticket({ status: 'claimed', agent: 'bob' })), 'ti-agent'))).toBe('bob');
    expect(textOf(one(row(ticket({ status: 'claimed', agent: 'alice', agentName: 'Alice' })), 'ti-agent'))).toBe('自分');
  });

  it('open their ticket when clicked', () => {
    const opened: string[] = [];
    one(row(ticket(), { onOpen: (id: string) => opened.push(id) }), 'ticket-item').props.on.click();
    expect(opened).toEqual(['T-1']);
  });
});

describe('the ticket head and summary', () => {
  it('label status, reason, slots, values and remedies from the shared labels', () => {
    const t = ticket({
      status: 'claimed',
      agent: 'slack:U123',
      agentName: '佐藤',
      note: 'called back',
      summary: {
        reason: 'offer_accepted',
        slots: { carrier: 'other', carrierRaw: 'au', network: 'wifi', error_code: 'FES1003' },
        remedies: [{ remedy: 'disable_wifi', worked: false }, { remedy: 'wait_retry' }],
      },
    });
    expect(badgesView(t, agentLabels).map(textOf)).toEqual(['対応中']);
    expect(textOf(metaView(t, agentLabels, me, 1000))).toContain('担当佐藤');
    const summary = summaryView(t, agentLabels);
    expect(textOf(one(summary, 'reason'))).toBe('理由ボットの提案で担当者へ');
    const rows = findAll(summary, hasClass('sum-item')).map(textOf);
    expect(rows).toEqual([
      '回線他社回線（au）',
      '乗り換え未確認',
      '接続Wi-Fi',
      'OS未確認',
      'アプリ・OS未確認',
      'エラーコードFES1003',
      '試した対処と結果Wi-Fiオフ効果なし時間をおいて再試行結果未回答',
      '対応メモcalled back',
    ]);
  });

  it('keep hostile summary text as text', () => {
    const t = ticket({ note: '<script>alert(1)</script>', summary: { slots: { error_code: '<b>x</b>' }, remedies: [] } });
    const summary = summaryView(t, agentLabels);
    expect(findAll(summary, (d) => d.tag === 'script' || d.tag === 'b')).toEqual([]);
    expect(textOf(summary)).toContain('<script>alert(1)</script>');
  });
});

describe('the timeline', () => {
  const events = [
    { type: 'opened', agent: null, at: 1 },
    { type: 'claimed', agent: 'alice', agentName: 'Alice', at: 2 },
    { type: 'replied', agent: 'alice', agentName: 'Alice', at: 3 },
    { type: 'replied', agent: 'alice', agentName: 'Alice', at: 4 },
    { type: 'taken_over', agent: 'slack:U9', agentName: '佐藤', from: 'alice', at: 5 },
    { type: 'replied', agent: 'slack:U9', at: 6 },
    { type: 'closed', agent: 'slack:U9', agentName: '佐藤', at: 7 },
  ];

  it('folds replies in a row by one agent, in time order', () => {
    expect(timelineEntries([...events].reverse()).map((e) => `${e.type}×${e.count}`)).toEqual([
      'opened×1',
      'claimed×1',
      'replied×2',
      'taken_over×1',
      'replied×1',
      'closed×1',
    ]);
    const twoAgents = [
      { type: 'replied', agent: 'alice', at: 1 },
      { type: 'replied', agent: 'bob', at: 2 },
    ];
    expect(timelineEntries(twoAgents).map((e) => e.count)).toEqual([1, 1]);
    expect(timelineEntries(undefined)).toEqual([]);
  });

  it('says what happened with the shared event labels, by whom, and from whom on a take-over', () => {
    const shown = timelineEntries(events).map((e) => timelineEntryView(e, agentLabels));
    const what = (d: Desc) =>
      findAll(d, (x) => /^tl-(what|who|from|count)$/.test(String(x.props.class)))
        .map(textOf)
        .join(' ');
    expect(shown.map(what)).toEqual(['受付', '担当 Alice', '返信 Alice ×2', '引き継ぎ 佐藤 alice から', '返信 slack:U9', '終了 佐藤']);
  });
});

describe('the action bar', () => {
  it('offers 引き継ぐ instead of claiming on a ticket someone else holds, and says who has it', () => {
    const model = actionsModel(ticket({ status: 'claimed', agent: 'bob', agentName: 'Bob' }), me, false, agentLabels);
    expect(model).toMatchObject({ claim: { hidden: true }, takeover: { hidden: false, disabled: false }, send: { disabled: true }, close: { disabled: true } });
    expect(model.info).toBe('T-1 は Bob さんが対応中です。');
    expect(model.reply.placeholder).toBe('「引き継ぐ」を押すと返信できます');
  });

  it('lets anyone answer or close a waiting ticket, and disables everything while a request runs', () => {
    expect(actionsModel(ticket(), me, false, agentLabels)).toMatchObject({
      claim: { hidden: false, disabled: false },
      takeover: { hidden: true },
      reply: { disabled: false },
      send: { disabled: false },
      close: { disabled: false },
    });
    expect(actionsModel(ticket(), me, true, agentLabels)).toMatchObject({ claim: { disabled: true }, send: { disabled: true }, close: { disabled: true } });
  });

  it('offers nothing on a closed ticket', () => {
    const model = actionsModel(ticket({ status: 'closed', agent: 'alice' }), me, false, agentLabels);
    expect(model).toMatchObject({ claim: { disabled: true }, takeover: { hidden: true }, reply: { disabled: true }, close: { disabled: true } });
    expect(model.info).toBe('T-1 は終了しています。');
  });
});

describe('transcript lines', () => {
  it('name the speaker with the shared role label and keep the text as text', () => {
    const view = lineView({ key: 'n:1', id: null, dedupe: '', role: 'user', text: '<img src=x>', at: 0, agent: null, pending: false }, agentLabels);
    expect(view.props.class).toBe('line line-user');
    expect(textOf(one(view, 'line-who'))).toBe('お客様');
    expect(one(view, 'line-text').children).toEqual(['<img src=x>']);
  });
});
