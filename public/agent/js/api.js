// The agent API over fetch: bearer token, JSON bodies, and failures as ApiError (status, code, the server's words).

import { postJson, requestJson } from '../../shared/http.js';

const BASE = '/agent/api';

/** A refused or failed request. `status` 0: no answer. `code`: the error code when the body has one. `serverText`: message, else error. */
export class ApiError extends Error {
  constructor(/** @type {number} */ status, /** @type {string | null} */ code, /** @type {string | null} */ serverText, /** @type {any} */ body = null) {
    super(serverText || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.serverText = serverText;
    /** The server's `message` (people's words), as opposed to a bare `error`. */
    this.serverMessage = body && typeof body.message === 'string' && body.message ? body.message : null;
    /** The whole error body: its details (the intent a label clashes with, a refused model's figures). */
    this.body = body && typeof body === 'object' ? body : null;
  }
}

/** @param {() => string | null} token */
export function createApi(token) {
  async function call(/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body) {
    const headers = { Authorization: `Bearer ${token()}`, Accept: 'application/json' };
    const init = body === undefined ? { method, headers } : { ...postJson(body, headers), method };
    const res = await requestJson(BASE + path, { ...init, cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, res.code, res.text, res.body);
    return res.body || {};
  }
  const ticket = (/** @type {string} */ id) => `/tickets/${encodeURIComponent(id)}`;
  const item = (/** @type {number} */ id) => `/review/${encodeURIComponent(String(id))}`;
  return {
    me: () => call('GET', '/me'),
    tickets: () => call('GET', '/tickets'),
    ticket: (/** @type {string} */ id) => call('GET', ticket(id)),
    claim: (/** @type {string} */ id) => call('POST', `${ticket(id)}/claim`, {}),
    takeover: (/** @type {string} */ id) => call('POST', `${ticket(id)}/claim`, { takeover: true }),
    reply: (/** @type {string} */ id, /** @type {string} */ text) => call('POST', `${ticket(id)}/messages`, { text }),
    close: (/** @type {string} */ id, /** @type {string} */ note) => call('POST', `${ticket(id)}/close`, { note }),
    /** Review inbox items of a status ('new', 'labelled', 'ignored', 'applied'), the most frequent first. */
    review: (/** @type {string} */ status, /** @type {number} */ limit) => call('GET', `/review?status=${encodeURIComponent(status)}&limit=${limit}`),
    label: (/** @type {number} */ id, /** @type {string} */ intent) => call('POST', item(id), { intent }),
    ignore: (/** @type {number} */ id) => call('POST', item(id), { ignore: true }),
    /** Where model training stands: versions, the last apply and its figures, whether one runs. */
    training: () => call('GET', '/training'),
    apply: () => call('POST', '/training/apply', {}),
    rollback: (/** @type {number} */ version) => call('POST', '/training/rollback', { version }),
    /** The events stream's URL (EventSource sends no headers, so the token rides in the query). */
    eventsUrl: () => `${BASE}/events?token=${encodeURIComponent(token() || '')}`,
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
