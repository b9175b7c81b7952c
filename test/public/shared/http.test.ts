import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorCode, errorText, requestJson } from '../../../public/shared/http.js';

describe('error bodies', () => {
  it("shows the message when there is one, else today's error text", () => {
    expect(errorText({ error: 'too_large', message: 'メッセージが長すぎます' })).toBe('メッセージが長すぎます');
    expect(errorText({ error: 'text is over 2000 characters' })).toBe('text is over 2000 characters');
    expect([errorText(null), errorText('oops'), errorText({})]).toEqual([null, null, null]);
  });

  it('reads a code only when error is one', () => {
    expect(errorCode({ error: 'not_owner', message: '…' })).toBe('not_owner');
    expect(errorCode({ error: 'too_large' })).toBe('too_large');
    expect(errorCode({ error: 'ticket T-1 is claimed' })).toBeNull();
  });
});

describe('requestJson', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers every failure with one shape, and never throws', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('network down')));
    expect(await requestJson('/x')).toEqual({ ok: false, status: 0, body: null, code: null, text: null });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"error":"not_owner","message":"bob has it"}', { status: 403 })));
    expect(await requestJson('/x')).toMatchObject({ ok: false, status: 403, code: 'not_owner', text: 'bob has it' });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })));
    expect(await requestJson('/x')).toMatchObject({ ok: false, status: 502, body: null, text: null });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"user":"w_1"}', { status: 200 })));
    expect(await requestJson('/x')).toEqual({ ok: true, status: 200, body: { user: 'w_1' }, code: null, text: null });
  });
});
