/**
 * The characters a regular expression's match can start with, worked out from
 * its source. The dialect passes (`standardise.ts`) use it to index their
 * rules by first character: most rules begin with a look-behind
 * (「(?<=…)へん」), so V8 cannot skip a position quickly and would try every
 * rule at every position; indexed, a position is one map read and only the
 * rules that can start there are tried (measured about five times faster).
 * Supported: literals, escapes, classes, groups, alternation, look-arounds,
 * anchors, quantifiers; anything freer (`.`, `\\w`, a negated class or
 * something optional first) answers undefined, and the caller keeps the plain
 * regular expression.
 */

/** What can start a match of a piece: class-body fragments, and whether the piece can match nothing. */
interface First {
  body: string;
  nullable: boolean;
}

/** One parsed item of a sequence: a character set (as a class body), a group, or something zero-width. */
type Item = { kind: 'set'; body: string; optional: boolean } | { kind: 'group'; alts: Item[][]; optional: boolean } | { kind: 'zero' } | { kind: 'free' };

class Unsupported extends Error {}

/** Escapes a literal character for use inside a character class. */
const inClass = (c: string) => (/[\]\\^-]/.test(c) ? `\\${c}` : c);

/** Escapes that stand for one known character (`\-`, `\?`, `\u3042`…) or a class (`\s`, `\d`). */
function escapeAt(src: string, i: number): { body: string; end: number } {
  const c = src[i + 1];
  if (c === undefined) throw new Unsupported();
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) return { body: src.slice(i, i + 6), end: i + 6 };
  if (c === 's' || c === 'd') return { body: `\\${c}`, end: i + 2 };
  if (/[a-zA-Z0-9]/.test(c)) throw new Unsupported(); // back-references, \k<…>, control escapes…
  return { body: inClass(c), end: i + 2 };
}

/** Parses alternatives from `i` up to a closing parenthesis (or the end). */
function parseAlts(src: string, i: number): { alts: Item[][]; end: number } {
  const alts: Item[][] = [[]];
  while (i < src.length && src[i] !== ')') {
    if (src[i] === '|') {
      alts.push([]);
      i++;
      continue;
    }
    const { item, end } = parseItem(src, i);
    i = quantifier(src, end, item);
    alts[alts.length - 1]!.push(item);
  }
  return { alts, end: i };
}

/** Reads a quantifier after an item, marking it optional when it allows zero; returns the index after it. */
function quantifier(src: string, i: number, item: Item): number {
  const q = /^(?:\?|\*|\+|\{(\d+)(?:,\d*)?\})\??/.exec(src.slice(i));
  if (!q) return i;
  if ((q[0][0] === '?' || q[0][0] === '*' || q[1] === '0') && (item.kind === 'set' || item.kind === 'group')) item.optional = true;
  return i + q[0].length;
}

function parseItem(src: string, i: number): { item: Item; end: number } {
  const c = src[i]!;
  if (c === '(') {
    const head = /^\(\?(?:<=|<!|=|!)/.exec(src.slice(i));
    const { alts, end } = parseAlts(src, i + (head ? head[0].length : src.startsWith('(?:', i) ? 3 : 1));
    if (src[end] !== ')') throw new Unsupported();
    return { item: head ? { kind: 'zero' } : { kind: 'group', alts, optional: false }, end: end + 1 };
  }
  if (c === '^' || c === '$') return { item: { kind: 'zero' }, end: i + 1 };
  if (c === '\\' && /[bB]/.test(src[i + 1] ?? '')) return { item: { kind: 'zero' }, end: i + 2 };
  if (c === '\\') {
    if (/[wWSDpP]/.test(src[i + 1] ?? ''))
      return { item: { kind: 'free' }, end: i + 2 + (/[pP]/.test(src[i + 1]!) ? (/^\{[^}]*\}/.exec(src.slice(i + 2))?.[0].length ?? 0) : 0) };
    const { body, end } = escapeAt(src, i);
    return { item: { kind: 'set', body, optional: false }, end };
  }
  if (c === '[') {
    let j = i + 1;
    const negated = src[j] === '^';
    if (negated) j++;
    if (src[j] === ']') j++;
    while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
    if (j >= src.length) throw new Unsupported();
    // A negated class can start with almost anything: fine inside, not first.
    return { item: negated ? { kind: 'free' } : { kind: 'set', body: src.slice(i + 1 + (negated ? 1 : 0), j), optional: false }, end: j + 1 };
  }
  if (c === '.') return { item: { kind: 'free' }, end: i + 1 };
  if (c === '*' || c === '+' || c === '?' || c === '{' || c === '|' || c === ')') throw new Unsupported();
  return { item: { kind: 'set', body: inClass(c), optional: false }, end: i + 1 };
}

/** What can start a sequence of items. */
function firstOfSeq(items: Item[]): First {
  let body = '';
  for (const item of items) {
    if (item.kind === 'zero') continue;
    if (item.kind === 'free') throw new Unsupported();
    if (item.kind === 'set') {
      body += item.body;
      if (!item.optional) return { body, nullable: false };
      continue;
    }
    const f = firstOfAlts(item.alts);
    body += f.body;
    if (!f.nullable && !item.optional) return { body, nullable: false };
  }
  return { body, nullable: true };
}

function firstOfAlts(alts: Item[][]): First {
  let body = '';
  let nullable = false;
  for (const alt of alts) {
    const f = firstOfSeq(alt);
    body += f.body;
    nullable ||= f.nullable;
  }
  return { body, nullable };
}

/** The body of a character class holding every character a match of `source` can start with, or undefined when that cannot be told. */
function firstBody(source: string): string | undefined {
  try {
    const { alts, end } = parseAlts(source, 0);
    if (end !== source.length) return undefined;
    const f = firstOfAlts(alts);
    return f.nullable || !f.body ? undefined : f.body;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Largest range expanded: a first character class wider than this is too free to index. */
const MAX_RANGE = 512;

/** The characters of a class body (`a-z`, `\\u3042`, `\\-`, `\\s`…), or undefined when it is too wide or too complex. */
function expandClass(body: string): Set<number> | undefined {
  const out = new Set<number>();
  const chars: number[] = [];
  for (let i = 0; i < body.length;) {
    if (body[i] === '\\') {
      const c = body[i + 1];
      if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
        chars.push(parseInt(body.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (c === 's') {
        for (const w of ' \t\n\r\v\f\u00a0\u3000') out.add(w.charCodeAt(0));
        chars.push(-1);
        i += 2;
      } else if (c === 'd') {
        for (let d = 48; d <= 57; d++) out.add(d);
        chars.push(-1);
        i += 2;
      } else if (c !== undefined && !/[a-zA-Z0-9]/.test(c)) {
        chars.push(c.charCodeAt(0));
        i += 2;
      } else return undefined;
    } else if (body[i] === '-' && chars.length > 0 && chars[chars.length - 1]! >= 0 && i + 1 < body.length) {
      chars.push(-2); // a range marker, resolved below
      i++;
    } else {
      chars.push(body.charCodeAt(i));
      i++;
    }
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === -1) continue;
    if (chars[i + 1] === -2 && (chars[i + 2] ?? -1) >= 0) {
      const to = chars[i + 2]!;
      if (to < c || to - c > MAX_RANGE) return undefined;
      for (let x = c; x <= to; x++) out.add(x);
      i += 2;
    } else if (c >= 0) out.add(c);
  }
  return out;
}

/** The characters (as UTF-16 code units) a match of `source` can start with, or undefined when that cannot be told. */
export function firstChars(source: string): Set<number> | undefined {
  const body = firstBody(source);
  return body === undefined ? undefined : expandClass(body);
}
