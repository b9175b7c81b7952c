// The widget's signed web id: kept in localStorage, asked for once, and replaced quietly when the server no longer accepts it (401).

const STORE_KEY = 'dbarai-chat-user';

/**
 * @param {import('./api.js').Api} api
 * @param {{ get(key: string): string | null, set(key: string, value: string | null): void }} storage
 * @param {() => void} onRenewed called after an expired id was replaced
 */
export function createSession(api, storage, onRenewed) {
  let user = storage.get(STORE_KEY);
  /** @type {Promise<string> | null} */
  let asking = null;

  async function ask() {
    const res = await api.session();
    const id = res.ok && res.body && typeof res.body.user === 'string' ? res.body.user : '';
    if (!id) throw new Error(`session: HTTP ${res.status}`);
    user = id;
    storage.set(STORE_KEY, id);
    return id;
  }

  /** The current id, asking the server for one when there is none. */
  function ensure() {
    if (user) return Promise.resolve(user);
    asking = asking || ask().finally(() => (asking = null));
    return asking;
  }

  /** A new id in place of `stale`; only one is asked for, however many requests were refused with it. */
  async function renew(/** @type {string} */ stale) {
    if (user === stale) {
      user = null;
      storage.set(STORE_KEY, null);
      const fresh = await ensure();
      onRenewed();
      return fresh;
    }
    return ensure();
  }

  return {
    ensure,
    renew,
    get user() {
      return user;
    },
  };
}

/** @typedef {ReturnType<typeof createSession>} Session */
