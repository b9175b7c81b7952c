/**
 * Wiring only: configuration → logger → SQLite → brain → channels → listen.
 * The one place that reads `process.env` and owns the process.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { openDb, metaValue } from './store/db.js';
import { ConversationStore } from './store/conversations.js';
import { TicketStore } from './store/tickets.js';
import { createBrain } from './dialog/index.js';
import { Bot } from './bot.js';
import { createHttp } from './server.js';
import { mountWebChannel } from './channels/web/index.js';
import { mountSlackChannel } from './channels/slack/index.js';
import { WebIdentity } from './channels/web/identity.js';
import { fromRoot } from './core/paths.js';
import { BotError } from './core/errors.js';
import { HelpDesk } from './handoff/desk.js';
import { mountAgentApi, type AgentAccount } from './agent/api.js';
import { Metrics } from './metrics.js';
import { RateLimiter } from './ratelimit.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const version = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

/** Starts the bot; resolves once it listens. Returns a function that stops it. */
export async function start(config: Config): Promise<{ url: string; log: Logger; stop(): Promise<void> }> {
  const log = createLogger(config.LOG_LEVEL);
  const db = openDb(config.BOT_DB);
  const store = new ConversationStore(db);
  const tickets = new TicketStore(db);
  const secret = config.SESSION_SECRET ?? metaValue(db, 'session_secret', () => randomBytes(32).toString('base64url'));
  const notice = config.MAINTENANCE_NOTICE;
  const brain = createBrain({ tickets, agentHours: config.AGENT_HOURS, agentTimeZone: config.AGENT_TZ, notice: () => notice });
  const desk = new HelpDesk(tickets, store, brain.texts, log);
  const metrics = new Metrics();
  const bot = new Bot(brain, store, log, desk, metrics);
  const http = createHttp({ log, version, allowedOrigins: config.ALLOWED_ORIGINS, metrics: () => metrics.render() });
  const purge = () => {
    const removed = store.purgeTranscripts(Date.now() - config.RETENTION_DAYS * DAY_MS);
    if (removed) log.info({ removed, days: config.RETENTION_DAYS }, 'old transcript lines deleted');
  };
  purge();
  const retention = setInterval(purge, 6 * 60 * 60 * 1000);
  retention.unref();
  const generated = config.AGENT_TOKENS.length === 0;
  const agents: AgentAccount[] = generated ? [{ name: 'agent', token: randomBytes(24).toString('base64url') }] : config.AGENT_TOKENS;
  mountAgentApi(http.app, desk, store, agents);
  const web = mountWebChannel({
    app: http.app,
    server: http.server,
    bot,
    store,
    identity: new WebIdentity(secret),
    log,
    allowedOrigins: config.ALLOWED_ORIGINS,
    maxChars: config.MAX_MESSAGE_CHARS,
    limits: {
      user: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
      ip: new RateLimiter(config.RATE_LIMIT_IP_PER_MINUTE),
      refused: (what) => metrics.inc('dbarai_rate_limited_total', { by: what }),
    },
  });
  desk.registerChannel('web', (conversationId, message) => web.adapter.push(conversationId, message));
  const slack = config.SLACK_BOT_TOKEN
    ? mountSlackChannel({
        app: http.app,
        bot,
        desk,
        db,
        log,
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        agentChannel: config.SLACK_AGENT_CHANNEL,
        maxChars: config.MAX_MESSAGE_CHARS,
      })
    : undefined;
  if (slack) desk.registerChannel('slack', slack.deliver);
  log.info(slack ? `slack: on (${slack.mode === 'http' ? 'http' : 'socket mode'})` : 'slack: off');
  http.finish();
  await new Promise<void>((resolve) => web.controller.ready(() => resolve()));
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  http.ready();
  void slack?.start(); // connects in the background (auth.test, Socket Mode): a slow Slack never delays the web channel
  const consoleUrl = generated ? `${url}/agent/#token=${agents[0]!.token}` : `${url}/agent/`;
  log.info(
    { url, widget: `${url}/`, webhook: `${url}/api/messages`, agentConsole: consoleUrl, db: config.BOT_DB, slack: slack?.mode ?? 'off' },
    `d払い login help bot ${version} listening on ${url}; agent console ${consoleUrl}${generated ? ' (token valid until this process ends; set AGENT_TOKENS to keep one)' : ''}`,
  );
  return {
    url,
    log,
    stop: async () => {
      clearInterval(retention);
      await slack?.stop();
      web.adapter.close();
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      http.server.closeIdleConnections(); // busy ones finish their request first
      await closed;
      db.close();
      log.info('stopped');
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const config = loadConfig(process.env);
    const running = await start(config);
    // Graceful shutdown: stop taking connections, let in-flight requests finish, close SQLite cleanly.
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
