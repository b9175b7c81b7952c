import { describe, expect, it } from 'vitest';
import { badgesView, metaView, summaryView } from '../../../../../public/agent/js/render/ticket.js';
import { me, ticket } from '../../../../helpers/agent.js';
import { agentLabels } from '../../../../helpers/labels.js';
import { findAll, hasClass, one, textOf } from '../../../../helpers/view.js';

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
