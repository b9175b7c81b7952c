// View descriptions: render functions return plain { tag, props, children } trees (testable in Node); toNode() is the one place they become DOM, and text is only ever a text node.

const FOCUSABLE = 'button, [href], input, textarea, select, [tabindex]';

/**
 * A description of an element. Props are attributes (`true` → present, `false`/`null` → absent), plus
 * `on` ({ click: fn }) and `ns` (an XML namespace, for SVG). Children: descriptions, strings and numbers
 * (text), arrays; `null`, `undefined` and `false` are skipped.
 * @param {string} tag
 * @param {Record<string, any> | null} [props]
 * @param {...any} children
 * @returns {{ tag: string, props: Record<string, any>, children: any[] }}
 */
export function h(tag, props, ...children) {
  return { tag, props: props || {}, children: children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false) };
}

/** Class names joined, falsy ones dropped: cls('a', on && 'b'). */
export const cls = (...names) => names.filter(Boolean).join(' ');

/**
 * A description (or string) as a DOM node. Attributes named on… are never set (handlers go in `on`).
 * @param {any} desc
 * @returns {Node}
 */
export function toNode(desc) {
  if (typeof desc !== 'object') return document.createTextNode(String(desc));
  const { tag, props, children } = desc;
  const el = props.ns ? document.createElementNS(props.ns, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'on') for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    else if (name !== 'ns' && value !== false && value !== null && value !== undefined && !/^on/i.test(name))
      el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) el.append(toNode(child));
  return el;
}

/** Replaces a container's content with these descriptions. */
export function show(parent, ...descs) {
  parent.replaceChildren(...descs.flat().filter(Boolean).map(toNode));
}

const signatures = new WeakMap();

/**
 * Makes `parent`'s children match `items`, keyed: a node whose item is unchanged (same `sig`) is kept
 * (so a live region announces only what is new, and focus stays put), a changed one is rebuilt
 * (focus moves to its replacement), new ones are inserted in order, others removed. `patch` updates
 * kept nodes in place.
 * @template T
 * @param {Element} parent
 * @param {T[]} items
 * @param {{ key: (item: T) => string, build: (item: T) => any, sig?: (item: T) => string, patch?: (node: HTMLElement, item: T) => void }} how
 */
export function syncChildren(parent, items, { key, build, sig = () => '', patch }) {
  const existing = new Map();
  for (const node of [...parent.children]) {
    if (node instanceof HTMLElement && node.dataset.key !== undefined) existing.set(node.dataset.key, node);
    else node.remove();
  }
  items.forEach((item, index) => {
    const k = key(item);
    const s = sig(item);
    let node = existing.get(k);
    existing.delete(k);
    if (!node || signatures.get(node) !== s) {
      const fresh = /** @type {HTMLElement} */ (toNode(build(item)));
      fresh.dataset.key = k;
      signatures.set(fresh, s);
      if (node) {
        const hadFocus = node.contains(document.activeElement);
        node.replaceWith(fresh);
        if (hadFocus) focusIn(fresh);
      }
      node = fresh;
    } else if (patch) patch(node, item);
    if (parent.children[index] !== node) parent.insertBefore(node, parent.children[index] ?? null);
  });
  for (const node of existing.values()) node.remove();
}

/** Focuses an element, or the first focusable element inside it. */
export function focusIn(el) {
  const target = el.matches(FOCUSABLE) ? el : el.querySelector(FOCUSABLE);
  if (target instanceof HTMLElement) target.focus();
}
