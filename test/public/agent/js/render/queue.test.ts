import { describe, expect, it } from 'vitest';
import { queueRowView } from '../../../../../public/agent/js/render/queue.js';
import { me, ticket } from '../../../../helpers/agent.js';
import { agentLabels } from '../../../../helpers/labels.js';
import { findAll, hasClass, one, textOf } from '../../../../helpers/view.js';

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
