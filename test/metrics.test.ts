import { describe, expect, it } from 'vitest';
import { Metrics } from '../src/metrics.js';

describe('Metrics', () => {
  it('counts outcome events by type and label, and ratings by score and by who solved the problem', async () => {
    const m = new Metrics({ defaults: false });
    m.outcome({ type: 'resolved', name: 'disable_wifi', episode: 'e1' });
    m.outcome({ type: 'resolved', name: 'disable_wifi', episode: 'e2' });
    m.outcome({ type: 'handoff', name: 'asked', episode: 'e3' });
    m.outcome({ type: 'rating', name: 'agent', value: 4, episode: 'e3' });
    m.outcome({ type: 'rating', value: 5, episode: 'e1' });
    const text = await m.render();
    expect(text).toMatch(/^dbarai_outcomes_total\{type="resolved",name="disable_wifi"\} 2$/m);
    expect(text).toMatch(/^dbarai_outcomes_total\{type="handoff",name="asked"\} 1$/m);
    expect(text).toMatch(/^dbarai_ratings_total\{score="4",by="agent"\} 1$/m);
    expect(text).toMatch(/^dbarai_ratings_total\{score="5",by="bot"\} 1$/m);
  });

  it('leaves messages and questions to the turn counters', async () => {
    const m = new Metrics({ defaults: false });
    m.outcome({ type: 'message', name: 'login_failed' });
    m.outcome({ type: 'question_asked', name: 'carrier', episode: 'e1' });
    m.outcome({ type: 'question_answered', name: 'carrier', episode: 'e1' });
    expect(await m.render()).not.toMatch(/^dbarai_outcomes_total\{/m);
  });

  it('keeps counters per instance, and adds process metrics unless told not to', async () => {
    const a = new Metrics({ defaults: false });
    const b = new Metrics({ defaults: false });
    a.turns.inc({ channel: 'web' });
    expect(await a.render()).toMatch(/^dbarai_turns_total\{channel="web"\} 1$/m);
    expect(await b.render()).not.toMatch(/^dbarai_turns_total\{/m);
    expect(await b.render()).not.toContain('process_cpu_seconds_total');
    expect(await new Metrics().render()).toContain('process_cpu_seconds_total');
    expect(a.contentType).toMatch(/^text\/plain/);
  });
});
