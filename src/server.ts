import { createServer, type Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { fromRoot } from './core/paths.js';
import type { Logger } from './log.js';

/** Content-Security-Policy of every page: nothing from third parties, no inline script. */
export const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

export interface HttpOptions {
  log: Logger;
  version: string;
  allowedOrigins: string[];
  /** Renders `/metrics` (Prometheus text format). */
  metrics?: () => string;
}

/**
 * The HTTP server every channel mounts on: security headers, CORS for the
 * allowed widget origins, `/healthz` (503 until `ready()`), the widget and
 * demo page from `public/`. Routes are added by the channels; `finish()` adds
 * the 404 and the one error handler last.
 */
export function createHttp(o: HttpOptions): { app: Express; server: Server; ready(): void; finish(): void } {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  let isReady = false;

  app.use((req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    const origin = req.headers.origin;
    if (origin && o.allowedOrigins.includes(origin) && /^\/(api\/|widget\.js$|widget\/|shared\/)/.test(req.path)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'content-type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      if (req.method === 'OPTIONS') return void res.status(204).end();
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ok' : 'starting', version: o.version });
  });
  if (o.metrics) {
    const render = o.metrics;
    app.get('/metrics', (_req, res) => void res.type('text/plain; version=0.0.4').send(render()));
  }
  app.get('/agent/labels.json', (_req, res) => res.sendFile(fromRoot('dialogs', 'agent-labels.json'), { maxAge: '5m' }));
  app.use(express.static(fromRoot('public'), { index: 'index.html', maxAge: '5m' }));

  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  return {
    app,
    server,
    ready: () => void (isReady = true),
    finish: () => {
      app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
      app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
        const status = err.status ?? 500;
        if (status >= 500) o.log.error({ err }, 'request failed');
        const message =
          err.type === 'entity.parse.failed'
            ? 'invalid JSON'
            : err.type === 'entity.too.large'
              ? 'body too large'
              : status >= 500
                ? 'internal error'
                : err.message;
        if (!res.headersSent) res.status(status).json({ error: message });
      });
    },
  };
}
