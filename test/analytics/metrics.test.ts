import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerAnalyticsGauges } from '../../src/analytics/metrics.js';
import { readReport } from '../../src/analytics/read.js';
import { dayIn } from '../../src/handoff/hours.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { SEED } from '../helpers/analytics-fixture.js';

/** A registry with the analytics gauges over the known events of 2026-11-10..11 (a store with them, or an empty one). */
async function gauges(withEvents: boolean, read?: () => Promise<never>) {
  const store = new SqliteStore({ file: ':memory:', dayOf: dayIn('Asia/Tokyo') });
  if (withEvents) await store.tx((r) => r.events.add(SEED));
  const registry = new Registry();
  registerAnalyticsGauges(registry, read ?? (() => readReport(store.events, { from: '2026-11-10', to: '2026-11-11' })), 0);
  return { text: await registry.metrics(), close: () => store.close() };
}

describe('analytics gauges', () => {
  it('give the report’s ratios and medians, labelled with their window', async () => {
    const { text, close } = await gauges(true);
    expect(text).toContain('dbarai_containment_ratio{window="7d"} 0.4');
    expect(text).toContain('dbarai_misunderstood_ratio{window="7d"} 0.2857');
    expect(text).toContain('dbarai_ticket_handle_median_seconds{hours="all",window="7d"} 300');
    expect(text).toContain('dbarai_remedy_worked_ratio{remedy="wait_retry",window="7d"} 0');
    await close();
  });

  it('show no series without data, rather than a false 0', async () => {
    const { text, close } = await gauges(false);
    expect(text).toContain('# TYPE dbarai_containment_ratio gauge');
    expect(text).not.toMatch(/^dbarai_(containment|misunderstood)_ratio/m);
    expect(text).not.toMatch(/^dbarai_csat_average/m);
    await close();
  });

  it('leave /metrics answering when the database fails', async () => {
    const { text, close } = await gauges(true, () => Promise.reject(new Error('database down')));
    expect(text).toContain('# TYPE dbarai_ticket_wait_median_seconds gauge');
    expect(text).not.toMatch(/^dbarai_ticket_wait_median_seconds\{/m);
    await close();
  });
});
