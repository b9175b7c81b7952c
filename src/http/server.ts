import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { BotError } from '../core/errors.js';
import { fromRoot } from '../core/paths.js';
import { bearer, sameSecret } from '../core/secrets.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { sendError, sendJson } from './errors.js';

/** Content-Security-Policy of every page: nothing from third parties, no inline script. */
const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

export interface HttpOptions {
  log: Logger;
  version: string;
  allowedOrigins: string[];
  /** How many reverse proxies in front of the bot to trust for `X-Forwarded-For` (0: use the socket's address). */
  trustProxy: number;
  metrics?: Metrics;
  /** When set, `/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Whether the database answers, for `/readyz`. */
  databaseReady?: () => Promise<boolean>;
}

/** A route served before Express: the message path, where every microsecond counts. */
type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Http {
  app: Express;
  server: Server;
  /** Serves `METHOD path` on the raw server, ahead of Express (security headers and CORS still apply). */
  route(method: string, path: string, handler: RawHandler): void;
  /** The client's address: the socket's, or the one `trustProxy` proxies vouch for. */
  clientAddress(req: IncomingMessage): string;
  ready(): void;
  /** Adds the 404 and the error handler after every other route. */
  finish(): void;
}

/** The client address behind `trusted` proxies: the `trusted`-th address from the right of X-Forwarded-For + the socket. */
function clientAddress(req: IncomingMessage, trusted: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trusted <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - trusted)] ?? socket;
}

/**
 * The HTTP server every channel mounts on. Security headers on every answer,
 * CORS for the allowed widget origins, `/healthz` (liveness: 503 until
 * `ready()`), `/readyz` (the database answers), `/metrics`, the widget and the
 * pages from `public/`. The message path is served on the raw `node:http`
 * server; everything else goes through Express.
 */
export function createHttp(o: HttpOptions): Http {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  let isReady = false;
  const raw = new Map<string, RawHandler>();

  /** Headers of every answer, raw or Express; true when a CORS preflight was answered. */
  const common = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    const origin = req.headers.origin;
    if (origin && o.allowedOrigins.includes(origin) && /^\/(api\/|widget\.js$|widget\/|shared\/)/.test(path)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'content-type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return true;
      }
    }
    return false;
  };

  app.get('/healthz', (_req, res) => void res.status(isReady ? 200 : 503).json({ status: isReady ? 'ok' : 'starting', version: o.version }));
  app.get('/readyz', async (_req, res) => {
    const db = isReady && (await (o.databaseReady?.() ?? Promise.resolve(true)).catch(() => false));
    res.status(db ? 200 : 503).json({ status: db ? 'ready' : isReady ? 'database unavailable' : 'starting' });
  });
  if (o.metrics) {
    const metrics = o.metrics;
    app.get('/metrics', async (req, res) => {
      if (o.metricsToken && !sameSecret(bearer(req.headers.authorization), o.metricsToken))
        throw new BotError('unauthorized', 'a valid metrics token is required');
      res.type(metrics.contentType).send(await metrics.render());
    });
  }
  app.get('/agent/labels.json', (_req, res) => res.sendFile(fromRoot('dialogs', 'agent-labels.json'), { maxAge: '5m' }));
  app.use(express.static(fromRoot('public'), { index: 'index.html', maxAge: '5m' }));

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (common(req, res, path)) return;
    const handler = raw.get(`${req.method} ${path}`);
    if (handler) return handler(req, res);
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return {
    app,
    server,
    route: (method, path, handler) => void raw.set(`${method} ${path}`, handler),
    clientAddress: (req) => clientAddress(req, o.trustProxy),
    ready: () => void (isReady = true),
    finish: () => {
      app.use((_req, res) => sendJson(res, { error: 'not_found', message: 'no such route' }, 404));
      app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => sendError(res, err, o.log));
    },
  };
}

/**
 * Reads a request body as JSON, up to `limit` bytes: `too_large` beyond it,
 * `bad_request` for anything that is not JSON. The stream is drained either way.
 */
export function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      return reject(new BotError('too_large', 'body too large'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !failed) {
        failed = true;
        reject(new BotError('too_large', 'body too large'));
      }
      if (!failed) chunks.push(c);
    });
    req.on('error', (err) => !failed && reject(new BotError('bad_request', 'the request broke off', undefined, { cause: err })));
    req.on('end', () => {
      if (failed) return;
      try {
        resolve(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
      } catch {
        reject(new BotError('bad_request', 'invalid JSON'));
      }
    });
  });
}
