// The agent's token: from the sign-in link's fragment (#token=…, then wiped from the address bar) or the tab's storage.

import { safeStorage } from '../../shared/storage.js';

const TOKEN_KEY = 'agentConsoleToken';
const tabStorage = safeStorage('sessionStorage');

/**
 * The token in a URL fragment ('#token=…'), or null.
 * @param {string} hash
 */
export function tokenInHash(hash) {
  if (!hash || hash.length < 2) return null;
  const token = new URLSearchParams(hash.slice(1)).get('token');
  return token && token.trim() ? token.trim() : null;
}

/** The token the address bar carries, which is then removed from it (and from history). */
export function takeTokenFromAddress() {
  const token = tokenInHash(location.hash);
  if (token !== null) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

export const storedToken = () => tabStorage.get(TOKEN_KEY);
export const storeToken = (/** @type {string | null} */ token) => tabStorage.set(TOKEN_KEY, token);

/**
 * A console page's address with the token in its fragment, as sign-in links carry it.
 * @param {string} path
 * @param {string | null} token
 */
export const linkWithToken = (path, token) => (token ? `${path}#token=${encodeURIComponent(token)}` : path);
