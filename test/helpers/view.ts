/** Reading the view descriptions of public/shared/view.js in Node tests: text, and elements by class or tag. */

export interface Desc {
  tag: string;
  props: Record<string, any>;
  children: unknown[];
}

const isDesc = (d: unknown): d is Desc => typeof d === 'object' && d !== null && 'tag' in d && 'children' in d;

/** The text a description (or a list of them) shows, as the browser's textContent would give it; empty for null and false. */
export const textOf = (d: unknown): string =>
  Array.isArray(d) ? d.map(textOf).join('') : isDesc(d) ? d.children.map(textOf).join('') : typeof d === 'string' || typeof d === 'number' ? String(d) : '';

/** Every element description in the tree (depth first) that matches. */
export function findAll(d: unknown, match: (d: Desc) => boolean): Desc[] {
  if (Array.isArray(d)) return d.flatMap((c) => findAll(c, match));
  if (!isDesc(d)) return [];
  return [...(match(d) ? [d] : []), ...d.children.flatMap((c) => findAll(c, match))];
}

/** A matcher for elements carrying a class. */
export const hasClass =
  (name: string) =>
  (d: Desc): boolean =>
    String(d.props.class ?? '')
      .split(' ')
      .includes(name);

/** The one element with this class (throws when there is none or more). */
export function one(d: unknown, name: string): Desc {
  const found = findAll(d, hasClass(name));
  if (found.length !== 1) throw new Error(`expected one .${name}, found ${found.length}`);
  return found[0]!;
}
