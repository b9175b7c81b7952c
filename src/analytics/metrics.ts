import { Gauge, type Registry } from 'prom-client';
import type { Report } from './report.js';

/** The period the gauges cover, as their `window` label says. */
const WINDOW = '7d';

/** A read shared by every gauge of one scrape and reused while fresh (one set of queries, however many gauges and scrapers). */
function cached(read: () => Promise<Report>, freshMs: number): () => Promise<Report> {
  let last: { at: number; report: Promise<Report> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= freshMs) {
      const report = read();
      last = { at: now, report };
      report.catch(() => (last = undefined)); // a failed read is tried again at the next scrape
    }
    return last.report;
  };
}

/** Sets a gauge's series from figures, leaving out those that are null (no data reads as no series, not as 0). */
function setAll<L extends string>(gauge: Gauge<L | 'window'>, series: [Partial<Record<L, string>>, number | null][]): void {
  gauge.reset();
  for (const [labels, value] of series) if (value !== null) gauge.set({ ...labels, window: WINDOW } as Partial<Record<L | 'window', string>>, value);
}

/**
 * The analytics figures that the counters of `/metrics` cannot give (ratios,
 * means and medians over stored events), as gauges over the last 7 days
 * (today included, AGENT_TZ; label `window="7d"`), read from the events when
 * Prometheus scrapes, at most once per `freshMs`. Counts of outcomes are the
 * counters' (`dbarai_outcomes_total`…), not repeated here.
 */
export function registerAnalyticsGauges(registry: Registry, read: () => Promise<Report>, freshMs = 30_000): void {
  const report = cached(read, freshMs);
  const gauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L | 'window'>, r: Report) => void) =>
    new Gauge<L | 'window'>({
      name,
      help: `${help} (last 7 days)`,
      labelNames: [...labelNames, 'window'],
      registers: [registry],
      async collect() {
        try {
          fill(this, await report());
        } catch {
          this.reset(); // the database is down: no figure, and /metrics still answers with everything else
        }
      },
    });
  gauge('dbarai_containment_ratio', 'Episodes the bot resolved, of those resolved, handed off or abandoned', [], (g, r) =>
    setAll(g, [[{}, r.containment_rate]]),
  );
  gauge('dbarai_misunderstood_ratio', 'Messages the bot did not understand, of the messages it handled', [], (g, r) => setAll(g, [[{}, r.misunderstood_rate]]));
  gauge('dbarai_csat_average', 'Mean satisfaction rating (1-5), all, about the bot, about agents', ['by'], (g, r) =>
    setAll(g, [
      [{ by: 'all' }, r.csat.average],
      [{ by: 'bot' }, r.csat.bot.average],
      [{ by: 'agent' }, r.csat.agent.average],
    ]),
  );
  gauge('dbarai_remedy_worked_ratio', 'Remedies that solved the problem, of those given', ['remedy'], (g, r) =>
    setAll(
      g,
      Object.entries(r.remedies).map(([remedy, x]) => [{ remedy }, x.given ? x.worked / x.given : null]),
    ),
  );
  gauge(
    'dbarai_ticket_wait_median_seconds',
    'Median wait of a hand-off ticket until an agent claimed it, in all and within business hours',
    ['hours'],
    (g, r) =>
      setAll(g, [
        [{ hours: 'all' }, r.handoff.median_wait_s],
        [{ hours: 'business' }, r.handoff.median_wait_bh_s],
      ]),
  );
  gauge('dbarai_ticket_handle_median_seconds', 'Median time from claim to close of a ticket, in all and within business hours', ['hours'], (g, r) =>
    setAll(g, [
      [{ hours: 'all' }, r.handoff.median_handle_s],
      [{ hours: 'business' }, r.handoff.median_handle_bh_s],
    ]),
  );
}
