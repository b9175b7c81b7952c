// Web storage that never throws: when storage is blocked (private mode, third-party frames) values live in memory for the page's life.

/**
 * @param {'localStorage' | 'sessionStorage'} area
 * @returns {{ get(key: string): string | null, set(key: string, value: string | null): void }}
 */
export function safeStorage(area) {
  const memory = new Map();
  const backing = () => {
    try {
      return window[area];
    } catch {
      return null;
    }
  };
  return {
    get(key) {
      try {
        const store = backing();
        if (store) return store.getItem(key);
      } catch {
        /* blocked: use memory */
      }
      return memory.get(key) ?? null;
    },
    set(key, value) {
      if (value === null) memory.delete(key);
      else memory.set(key, value);
      try {
        const store = backing();
        if (value === null) store?.removeItem(key);
        else store?.setItem(key, value);
      } catch {
        /* blocked: memory only */
      }
    },
  };
}
