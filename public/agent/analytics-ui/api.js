/**
 * The agent API as the analytics page uses it, and the sign-in it shares with
 * the console: the token arrives in the URL fragment (`#token=…`), is removed
 * from the address bar at once, and is kept in sessionStorage under the
 * console's key, so one sign-in serves both pages of a browser tab.
 */

const API = '/agent/api';
const TOKEN_KEY = 'agentConsoleToken';
let memoryToken = null;

/** A failed call: the HTTP status (0 when the server could not be reached) and the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The token this tab signed in with (here or in the console), if any. */
export function loadToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return memoryToken;
  }
}

/** Keeps the token for this tab (null forgets it); in memory when storage is unavailable. */
export function saveToken(token) {
  memoryToken = token;
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage unavailable: memory only */
  }
}

/** The token of the URL fragment, if any, taken out of the address bar and its history. */
export function tokenFromFragment() {
  const hash = window.location.hash;
  if (hash.length < 2) return null;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  if (token === null) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token.trim() || null;
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
