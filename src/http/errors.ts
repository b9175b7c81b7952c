import type { ServerResponse } from 'node:http';
import { BotError, HTTP_STATUS } from '../core/errors.js';
import type { Logger } from '../log.js';

/** Errors raised by Express's body parser, which carry a `type` and a `status`. */
interface ParserError {
  type?: string;
  status?: number;
}

/** Any thrown value as the bot's error type: parser errors get their code, anything unknown is `internal`. */
export function asBotError(err: unknown): BotError {
  if (err instanceof BotError) return err;
  const p = err as ParserError;
  if (p?.type === 'entity.parse.failed') return new BotError('bad_request', 'invalid JSON');
  if (p?.type === 'entity.too.large') return new BotError('too_large', 'body too large');
  if (p?.type === 'encoding.unsupported' || p?.type === 'charset.unsupported') return new BotError('bad_request', 'unsupported encoding');
  if (typeof p?.status === 'number' && p.status >= 400 && p.status < 500) return new BotError('bad_request', (err as Error).message ?? 'bad request');
  return new BotError('internal', 'internal error', undefined, { cause: err });
}

/**
 * The one HTTP error mapper: every error body is `{"error": CODE, "message": TEXT}`
 * (plus the error's details, such as the accuracies of a refused model), with
 * the code's status and, when the error says how long to wait, `Retry-After`.
 * Server faults are logged; their message never leaks to the client.
 */
export function sendError(res: ServerResponse, err: unknown, log?: Logger): void {
  const e = asBotError(err);
  const status = HTTP_STATUS[e.code];
  if (status >= 500 && e.code !== 'unavailable') log?.error({ err: e.cause ?? e }, 'request failed');
  if (res.headersSent) return void res.end();
  const retryAfter = e.details?.retryAfter;
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  const body = JSON.stringify({ error: e.code, message: e.message, ...e.details });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** A JSON body with status 200. */
export function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
}
