/**
 * Wiring only: configuration → the core (store, brain, bot, help desk) →
 * HTTP → channels → listen. The one place that reads `process.env` and owns
 * the process.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig, type Config } from './config.js';
import type { Logger } from './log.js';
import { assemble, type Core } from './app.js';
import { createHttp } from './http/index.js';
import { mountWebChannel } from './channels/web/index.js';
import { WebIdentity } from './channels/web/identity.js';
import { fromRoot } from './core/paths.js';
import { BotError } from './core/errors.js';
import { mountAgentApi, type AgentAccount } from './agent/api.js';
import { mountReviewApi } from './agent/review.js';
import { loadAgentLabels } from './agent/labels.js';
import { mountAnalytics } from './agent/analytics.js';
import { limiter } from './ratelimit.js';
import { schedule, type Job } from './jobs.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;
/** No message for this long with a troubleshooting question open: the episode counts as abandoned. */
const ABANDONED_AFTER_MS = 30 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 1000;
const CLUSTER_SWEEP_EVERY_MS = 60 * 1000;
const MAX_SOCKETS = 20_000;

const version = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

export interface Running {
  url: string;
  log: Logger;
  core: Core;
  /** The agent console's sign-in URL (with the token when it was generated). */
  consoleUrl: string;
  stop(): Promise<void>;
}

/** The console's accounts: AGENT_TOKENS, or one generated agent (an admin) whose token the database keeps for every process. */
async function agentAccounts(config: Config, core: Core): Promise<{ accounts: AgentAccount[]; generated: boolean }> {
  if (config.AGENT_TOKENS.length) {
    const admins = new Set(config.AGENT_ADMINS);
    return { accounts: config.AGENT_TOKENS.map((a) => ({ ...a, admin: admins.has(a.name) })), generated: false };
  }
  const token = await core.store.meta.value('agent_token', () => randomBytes(24).toString('base64url'));
  return { accounts: [{ name: 'agent', token, admin: true }], generated: true };
}

/** Starts the bot; resolves once it listens. */
export async function start(config: Config): Promise<Running> {
  const core = await assemble(config);
  const { log, store, desk, bot, bus, metrics, presence } = core;
  const secret = config.SESSION_SECRET ?? (await store.meta.value('session_secret', () => randomBytes(32).toString('base64url')));
  const http = createHttp({
    log,
    version,
    allowedOrigins: config.ALLOWED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    metrics,
    metricsToken: config.METRICS_TOKEN,
    databaseReady: () => store.ping().then(() => true),
  });

  const retention: Job = {
    name: 'retention',
    everyMs: RETENTION_EVERY_MS,
    run: async () => {
      const removed = await store.purge(Date.now() - config.RETENTION_DAYS * DAY_MS);
      const total = Object.values(removed).reduce((a, b) => a + b, 0);
      if (total) log.info({ removed, days: config.RETENTION_DAYS }, 'old user text deleted');
    },
  };
  const abandonment: Job = {
    name: 'abandonment',
    everyMs: SWEEP_EVERY_MS,
    run: async () => {
      const swept = await bot.sweepAbandoned(Date.now() - ABANDONED_AFTER_MS);
      if (swept) log.debug({ swept }, 'abandoned episodes counted');
    },
  };
  // Several instances: forget the sockets of instances that stopped beating (killed) and old bus payloads.
  const cluster: Job[] = presence ? [{ name: 'cluster-sweep', everyMs: CLUSTER_SWEEP_EVERY_MS, run: () => presence.sweep() }] : [];
  const jobs = schedule([retention, abandonment, ...cluster], store, log);
  await jobs.first;

  const { accounts, generated } = await agentAccounts(config, core);
  const agentApi = mountAgentApi(http.app, { desk, store, bus, accounts });
  mountAnalytics(http.app, agentApi, { events: store.events, timeZone: config.AGENT_TZ, registry: metrics.registry });
  mountReviewApi(agentApi, { store, inbox: core.inbox, training: core.training });
  // Several instances count in the shared database; one process counts in memory.
  const shared = store.shared;
  const limits = {
    user: limiter(config.RATE_LIMIT_PER_MINUTE, shared && ((points, duration) => shared.rateLimiter('user', points, duration))),
    ip: limiter(config.RATE_LIMIT_IP_PER_MINUTE, shared && ((points, duration) => shared.rateLimiter('ip', points, duration))),
  };
  const web = mountWebChannel({
    http,
    bot,
    history: (user) => store.transcript.lines(user),
    identity: new WebIdentity(secret, config.SESSION_TTL_DAYS * DAY_MS),
    log,
    allowedOrigins: config.ALLOWED_ORIGINS,
    maxSockets: MAX_SOCKETS,
    presence,
    admit: async (kind, key) => {
      const wait = await limits[kind].take(key);
      if (wait > 0) metrics.rateLimited.inc({ by: kind });
      return wait;
    },
  });
  desk.registerChannel('web', web.deliver);
  // An agent's reply or a notice for a web user, from the instance where the agent acted: pushed to the user's sockets held here.
  const offDeliver = bus.subscribe('deliver', ({ conversationId, channel, message, pushedBy }) => {
    if (channel === 'web' && pushedBy !== core.instance) web.deliver(conversationId, message);
  });

  // Bolt (about 39 MB) is loaded only when Slack is configured.
  const slack = config.SLACK_BOT_TOKEN
    ? (await import('./channels/slack/index.js')).mountSlackChannel({
        app: http.app,
        bot,
        desk,
        bus,
        store: store.slack,
        labels: loadAgentLabels(),
        tickets: { waiting: () => store.tickets.list('waiting'), get: (id) => store.tickets.get(id) },
        log,
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        agentChannel: config.SLACK_AGENT_CHANNEL,
      })
    : undefined;
  if (slack) desk.registerChannel('slack', slack.deliver);
  log.info(slack ? `slack: on (${slack.mode === 'http' ? 'http' : 'socket mode'})` : 'slack: off');

  http.finish();
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  http.ready();
  void slack?.start(); // connects in the background (auth.test, Socket Mode): a slow Slack never delays the web channel
  const consoleUrl = generated ? `${url}/agent/#token=${accounts[0]!.token}` : `${url}/agent/`;
  log.info(
    {
      url,
      widget: `${url}/`,
      webhook: `${url}/api/messages`,
      agentConsole: `${url}/agent/`,
      db: config.DATABASE_URL ? 'postgres' : config.BOT_DB,
      slack: slack?.mode ?? 'off',
    },
    `d払い login help bot ${version} listening on ${url}`,
  );
  return {
    url,
    log,
    core,
    consoleUrl,
    stop: async () => {
      jobs.stop();
      offDeliver();
      await slack?.stop();
      web.close();
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      http.server.closeIdleConnections(); // busy ones finish their request first
      await closed;
      await core.close();
      log.info('stopped');
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const config = loadConfig(process.env);
    const running = await start(config);
    // For the person starting the bot, once, as a plain line (never a log field: log shippers keep those).
    if (!config.AGENT_TOKENS.length) process.stderr.write(`Agent console: ${running.consoleUrl}\n`);
    // Graceful shutdown: stop taking connections, let in-flight requests finish, close the store cleanly.
    const shutdown = (signal: string) => {
      running.log.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(1), 10_000).unref();
      void running.stop().then(() => process.exit(0));
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (err) {
    if (err instanceof BotError && err.code === 'bad_config') {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw err;
  }
}
