import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import { asBotError, sendError, sendJson } from '../../src/http/errors.js';
import type { Logger } from '../../src/log.js';

/** A response that records what was sent. */
function response(headersSent = false) {
  const sent = { status: 0, headers: {} as Record<string, string | number>, body: '', ended: false };
  const res = {
    headersSent,
    setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
    writeHead(status: number, headers: Record<string, string | number>) {
      sent.status = status;
      for (const [k, v] of Object.entries(headers)) sent.headers[k.toLowerCase()] = v;
      return this;
    },
    end(body?: string) {
      sent.body = body ?? '';
      sent.ended = true;
      return this;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

const logger = () => {
  const error = vi.fn();
  return { log: { error } as unknown as Logger, error };
};

describe('asBotError', () => {
  it.each([
    [{ type: 'entity.parse.failed', status: 400 }, 'bad_request', 'invalid JSON'],
    [{ type: 'entity.too.large', status: 413 }, 'too_large', 'body too large'],
    [{ type: 'encoding.unsupported', status: 415 }, 'bad_request', 'unsupported encoding'],
    [{ type: 'charset.unsupported', status: 415 }, 'bad_request', 'unsupported encoding'],
    [Object.assign(new Error('request aborted'), { status: 400 }), 'bad_request', 'request aborted'],
    [new Error('socket hang up'), 'internal', 'internal error'],
    [Object.assign(new Error('upstream'), { status: 502 }), 'internal', 'internal error'],
    ['a string', 'internal', 'internal error'],
    [undefined, 'internal', 'internal error'],
  ])('reads %j as %s', (err, code, message) => {
    expect(asBotError(err)).toMatchObject({ code, message });
  });

  it('keeps a BotError as it is, and an unknown error as the cause of `internal`', () => {
    const own = new BotError('conflict', 'claimed by alice');
    expect(asBotError(own)).toBe(own);
    const crash = new Error('disk on fire');
    expect(asBotError(crash).cause).toBe(crash);
  });
});

describe('sendError', () => {
  it('sends {"error": code, "message": text} with the code’s status, as JSON of the right length', () => {
    const { res, sent } = response();
    sendError(res, new BotError('not_found', 'no ticket T-1'));
    expect(sent.status).toBe(404);
    expect(JSON.parse(sent.body)).toEqual({ error: 'not_found', message: 'no ticket T-1' });
    expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(sent.headers['content-length']).toBe(Buffer.byteLength(sent.body));
  });

  it('adds the details to the body, and Retry-After when they say how long to wait', () => {
    const { res, sent } = response();
    sendError(res, new BotError('rate_limited', 'too many messages', { retryAfter: 12 }));
    expect(sent.status).toBe(429);
    expect(sent.headers['retry-after']).toBe('12');
    expect(JSON.parse(sent.body)).toEqual({ error: 'rate_limited', message: 'too many messages', retryAfter: 12 });
    const other = response();
    sendError(other.res, new BotError('model_worse', '日本語の説明', { accuracy_before: 0.9 }));
    expect(other.sent.headers['retry-after']).toBeUndefined();
    expect(other.sent.headers['content-length']).toBe(Buffer.byteLength(other.sent.body)); // bytes, not characters
    expect(JSON.parse(other.sent.body)).toEqual({ error: 'model_worse', message: '日本語の説明', accuracy_before: 0.9 });
  });

  it('logs a server fault with its cause and never sends the cause’s message', () => {
    const { res, sent } = response();
    const { log, error } = logger();
    const crash = new Error('password=hunter2 in the connection string');
    sendError(res, crash, log);
    expect(sent.status).toBe(500);
    expect(JSON.parse(sent.body)).toEqual({ error: 'internal', message: 'internal error' });
    expect(error).toHaveBeenCalledWith({ err: crash }, 'request failed');
  });

  it('does not log client errors, nor an unavailable database (the store logged the outage)', () => {
    const { log, error } = logger();
    sendError(response().res, new BotError('bad_request', 'text: Required'), log);
    const down = response();
    sendError(down.res, new BotError('unavailable', 'the database is unavailable', { retryAfter: 5 }), log);
    expect(down.sent.status).toBe(503);
    expect(down.sent.headers['retry-after']).toBe('5');
    expect(error).not.toHaveBeenCalled();
  });

  it('only ends a response whose headers already went out', () => {
    const { res, sent } = response(true);
    sendError(res, new BotError('internal', 'late'));
    expect(sent).toMatchObject({ status: 0, body: '', ended: true });
  });
});

describe('sendJson', () => {
  it('sends a value as JSON, 200 unless told', () => {
    const ok = response();
    sendJson(ok.res, { ok: true, id: 3 });
    expect(ok.sent).toMatchObject({ status: 200, body: '{"ok":true,"id":3}' });
    expect(ok.sent.headers['content-length']).toBe(18);
    const created = response();
    sendJson(created.res, ['ログイン'], 201);
    expect(created.sent.status).toBe(201);
    expect(created.sent.headers['content-length']).toBe(Buffer.byteLength('["ログイン"]'));
  });
});
