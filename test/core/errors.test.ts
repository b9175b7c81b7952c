import { describe, expect, it } from 'vitest';
import { BotError, HTTP_STATUS, formatIssues, type ErrorCode } from '../../src/core/errors.js';

describe('formatIssues', () => {
  it('writes each issue as path: message, the path dotted, joined with "; "', () => {
    expect(
      formatIssues([
        { path: ['text'], message: 'Required' },
        { path: ['summary', 'slots', 0], message: 'Invalid value' },
      ]),
    ).toBe('text: Required; summary.slots.0: Invalid value');
  });

  it('names an issue of the whole value by its root', () => {
    expect(formatIssues([{ path: [], message: 'Expected object' }])).toBe('body: Expected object');
    expect(formatIssues([{ path: [], message: 'Expected object' }], 5, '(top)')).toBe('(top): Expected object');
  });

  it('keeps the first `max` issues and takes another separator', () => {
    const issues = ['a', 'b', 'c', 'd'].map((k) => ({ path: [k], message: 'bad' }));
    expect(formatIssues(issues)).toBe('a: bad; b: bad; c: bad; d: bad');
    expect(formatIssues(issues, 2)).toBe('a: bad; b: bad');
    expect(formatIssues(issues, 3, 'body', '\n')).toBe('a: bad\nb: bad\nc: bad');
    expect(formatIssues([])).toBe('');
  });
});

describe('HTTP_STATUS', () => {
  it.each<[ErrorCode, number]>([
    ['bad_request', 400],
    ['unauthorized', 401],
    ['session_expired', 401],
    ['forbidden', 403],
    ['not_owner', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['model_worse', 422],
    ['rate_limited', 429],
    ['internal', 500],
    ['bad_data', 500],
    ['bad_config', 500],
    ['unavailable', 503],
  ])('%s → %i', (code, status) => {
    expect(HTTP_STATUS[code]).toBe(status);
  });

  it('gives the client errors 4xx and the server faults 5xx, nothing else', () => {
    const statuses = Object.values(HTTP_STATUS);
    expect(statuses).toHaveLength(14);
    expect(statuses.filter((s) => s < 400 || s > 599)).toEqual([]);
  });
});

describe('BotError', () => {
  it('carries its code, message, details and cause, and names itself', () => {
    const cause = new Error('disk full');
    const e = new BotError('model_worse', 'worse on the frozen set', { accuracy_before: 0.9, accuracy_after: 0.8 }, { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'BotError', code: 'model_worse', message: 'worse on the frozen set', details: { accuracy_before: 0.9 } });
    expect(e.cause).toBe(cause);
    expect(new BotError('not_found', 'no such ticket').details).toBeUndefined();
  });
});
