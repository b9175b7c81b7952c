import { describe, expect, it } from 'vitest';
import { timelineEntries, timelineEntryView } from '../../../../../public/agent/js/render/timeline.js';
import { agentLabels } from '../../../../helpers/labels.js';
import { findAll, textOf, type Desc } from '../../../../helpers/view.js';

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
