/** The few DOM helpers of the analytics page. Every text goes in as text (textContent), never as markup. */

/** An element with a class and a text. */
export function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** An element of the page by id; a missing one is a bug of the page, said loudly. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`analytics page: no #${id}`);
  return node;
}
