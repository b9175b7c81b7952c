// JSON over fetch for the widget and the console: one result shape, one reading of error bodies ({"error": TEXT} today, {"error": CODE, "message": TEXT} next).

/**
 * The text to show for an error body: its `message` when present, else its `error`; null when it has neither.
 * @param {any} body
 * @returns {string | null}
 */
export function errorText(body) {
  if (!body || typeof body !== 'object') return null;
  if (typeof body.message === 'string' && body.message) return body.message;
  return typeof body.error === 'string' && body.error ? body.error : null;
}

/**
 * The machine code of an error body (`too_large`, `not_owner`, …), or null when `error` is a sentence.
 * @param {any} body
 * @returns {string | null}
 */
export function errorCode(body) {
  return body && typeof body.error === 'string' && /^[a-z][a-z0-9_]*$/.test(body.error) ? body.error : null;
}

/**
 * @typedef {{ ok: boolean, status: number, body: any, code: string | null, text: string | null }} JsonResult
 * `status` is 0 when the request never got an answer; `code` and `text` describe an error body.
 */

/**
 * fetch, then the body as JSON (null when empty or not JSON). Never throws.
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<JsonResult>}
 */
export async function requestJson(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, body: null, code: null, text: null };
  }
  let body;
  try {
    const raw = await res.text();
    body = raw ? JSON.parse(raw) : null;
  } catch {
    body = null;
  }
  return { ok: res.ok, status: res.status, body, code: res.ok ? null : errorCode(body), text: res.ok ? null : errorText(body) };
}

/** A JSON POST's init: method, content type and body. */
export const postJson = (body, headers = {}) => ({ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
