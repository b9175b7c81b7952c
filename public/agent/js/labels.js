// The agent-facing labels (/agent/labels.json, one set for the console and Slack): lookup with the raw value as fallback, and {placeholder} filling.

/** @typedef {Record<string, any>} Labels */

/** What sits at a dotted path ('value.carrier') of the labels. */
const at = (/** @type {Labels} */ labels, /** @type {string} */ path) =>
  path
    .split('.')
    .reduce((node, part) => (node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined), labels);

/**
 * The label of `value` under `path` ('status', 'value.carrier', …); the value itself when the labels do not
 * know it; null when there is no value.
 * @param {Labels} labels
 * @param {string} path
 * @param {unknown} value
 * @returns {string | null}
 */
export function label(labels, path, value) {
  if (value === null || value === undefined || value === '') return null;
  const found = at(labels, `${path}.${String(value)}`);
  return typeof found === 'string' ? found : String(value);
}

/**
 * A template with its {placeholders} filled; unknown ones are left as they are.
 * @param {string} template
 * @param {Record<string, unknown>} vars
 */
export function fill(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (vars[name] === undefined || vars[name] === null ? whole : String(vars[name])));
}

/**
 * The label at `path`, filled: phrase(labels, 'refusal.claimed', { id, agent }). The path itself when missing.
 * @param {Labels} labels
 * @param {string} path
 * @param {Record<string, unknown>} [vars]
 */
export function phrase(labels, path, vars = {}) {
  const found = at(labels, path);
  return fill(typeof found === 'string' ? found : path, vars);
}
