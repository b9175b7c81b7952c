/**
 * The agent API as the analytics page uses it. The sign-in is the console's
 * (`../js/session.js`): one token per browser tab serves both pages.
 */

const API = '/agent/api';

/** A failed call: the HTTP status (0 when the server could not be reached) and the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A GET on the agent API with the token; resolves to the response, rejects with an ApiError. */
async function call(path, token) {
  let res;
  try {
    res = await fetch(API + path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'サーバーに接続できません。ネットワークを確認してください。');
  }
  if (res.ok) return res;
  const body = await res.json().catch(() => ({}));
  throw new ApiError(res.status, body.error ?? 'unknown', body.message ?? `HTTP ${res.status}`);
}

/** The query string of a filter, without the empty fields. */
export function queryOf(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return q.toString();
}

/** Who the token belongs to. */
export const getMe = async (token) => (await call('/me', token)).json();

/** The analytics report of a filter. */
export const getReport = async (params, token) => (await call(`/analytics?${queryOf(params)}`, token)).json();

/** The CSV export of a filter, with the file name the server chose. */
export async function getCsv(params, token) {
  const res = await call(`/analytics?${queryOf({ ...params, format: 'csv' })}`, token);
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'analytics.csv';
  return { blob: await res.blob(), name };
}

/** The agent-facing labels (public, no token). */
export async function getLabels() {
  const res = await fetch('/agent/labels.json');
  if (!res.ok) throw new ApiError(res.status, 'labels', 'ラベルを読み込めませんでした。');
  return res.json();
}
