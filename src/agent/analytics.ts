import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Express, Router } from 'express';
import type { Registry } from 'prom-client';
import { toCsv, csvName } from '../analytics/csv.js';
import { registerAnalyticsGauges } from '../analytics/metrics.js';
import { parseAnalyticsQuery } from '../analytics/query.js';
import { readReport } from '../analytics/read.js';
import { fromRoot } from '../core/paths.js';
import { dayIn } from '../handoff/hours.js';
import type { EventRepo } from '../store/repos/events.js';

export interface AnalyticsOptions {
  events: EventRepo;
  /** AGENT_TZ: the days of the API are calendar days there. */
  timeZone: string;
  /** The `/metrics` registry, for the figures counters cannot give (ratios, means, medians of the last 7 days). */
  registry?: Registry;
}

/** Chart.js's browser build, found where npm installed it (its package exports do not list the file). */
const CHART_DIST = dirname(createRequire(import.meta.url).resolve('chart.js'));
/** The files of the library the page loads, served from our own origin (the CSP allows no CDN). */
const VENDOR = new Map(['chart.umd.min.js', 'chart.umd.min.js.map'].map((name) => [name, join(CHART_DIST, name)]));

/**
 * Analytics: `GET /agent/api/analytics` on the agent API's router (so behind
 * its token check: 401 without one), as JSON or, with `format=csv`, as a
 * spreadsheet download; the page `/agent/analytics` and the chart library it
 * loads, which need no token (the page signs in like the console); and the
 * last 7 days' ratios, means and medians as gauges of `/metrics`.
 */
export function mountAnalytics(app: Express, agentApi: Router, o: AnalyticsOptions): void {
  const dayOf = dayIn(o.timeZone);
  const today = () => dayOf(Date.now());

  if (o.registry) registerAnalyticsGauges(o.registry, () => readReport(o.events, parseAnalyticsQuery({}, today())));

  agentApi.get('/analytics', async (req, res) => {
    const query = parseAnalyticsQuery(req.query, today());
    const report = await readReport(o.events, query);
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'json') return void res.json(report);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csvName(report)}"`);
    res.send(toCsv(report));
  });

  app.get('/agent/analytics', (_req, res) => res.sendFile(fromRoot('public', 'agent', 'analytics.html'), { maxAge: '5m' }));
  app.get('/agent/vendor/:file', (req, res, next) => {
    const file = VENDOR.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
}
