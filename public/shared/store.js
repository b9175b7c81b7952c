// A tiny state container: state changes only through pure transitions, and subscribers render after each change.

/**
 * @template S
 * @param {S} initial
 */
export function createStore(initial) {
  let state = initial;
  /** @type {Set<(state: S, prev: S) => void>} */
  const listeners = new Set();
  return {
    /** @returns {S} */
    get: () => state,
    /**
     * Applies `transition(state, ...args)`; subscribers run when it returns a new state.
     * @template {any[]} A
     * @param {(state: S, ...args: A) => S} transition
     * @param {A} args
     */
    update(transition, ...args) {
      const prev = state;
      state = transition(state, ...args);
      if (state !== prev) for (const listener of listeners) listener(state, prev);
      return state;
    },
    /** @param {(state: S, prev: S) => void} listener */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
