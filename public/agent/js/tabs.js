// Keyboard moves between the tabs of a tab list (the queue's and the inbox's): arrows, Home and End select and focus.

const MOVES = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };

/**
 * The index a key moves to from tab `i` of `n` (arrows wrap around), or null for a key that moves nothing.
 * @param {string} key
 * @param {number} i
 * @param {number} n
 */
export function tabMove(key, i, n) {
  if (!(key in MOVES)) return null;
  const step = MOVES[/** @type {keyof typeof MOVES} */ (key)];
  return Number.isFinite(step) ? (i + step + n) % n : step < 0 ? 0 : n - 1;
}

/**
 * A keydown handler for each of `tabs`: the key's target is chosen (`choose(tab)`) and focused.
 * @param {HTMLElement[]} tabs
 * @param {(tab: HTMLElement) => void} choose
 */
export const onTabKeys = (tabs, choose) => (/** @type {KeyboardEvent} */ ev) => {
  const next = tabMove(ev.key, tabs.indexOf(/** @type {HTMLElement} */ (ev.currentTarget)), tabs.length);
  if (next === null) return;
  ev.preventDefault();
  choose(tabs[next]);
  tabs[next].focus();
};
