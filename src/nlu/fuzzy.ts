import { createRequire } from 'node:module';

type Distance = typeof import('natural/lib/natural/distance/levenshtein_distance.js');
let natural: Distance | undefined;
/** natural's distance module, loaded at the first typo checked (it costs about 10 ms to load; most runs never need it). */
const distance = (): Distance => (natural ??= createRequire(import.meta.url)('natural/lib/natural/distance/levenshtein_distance.js') as Distance);

/**
 * Typo correction against a list of known words ("softbnak" → softbank,
 * "andriod" → android, 「ソフトバング」 → ソフトバンク), length-aware: a word
 * shorter than `minLength` is never touched (「wife」 is not 「wifi」), and one
 * edit is allowed (a swap of neighbours counts as one: natural's
 * Damerau-Levenshtein). Candidates come from a symmetric-delete index (every
 * known word and its one-letter deletions), so a lookup costs a few map
 * reads; natural's distance only confirms the handful of candidates. Among
 * equals, a swap beats another edit, then the word seen more often wins; a
 * tie is left alone.
 */
export class FuzzyWords {
  private readonly deletes = new Map<string, string[]>();
  private readonly cache = new Map<string, string | null>();

  /** `words`: known word → how often it was seen (its weight in a tie). */
  constructor(
    private readonly words: ReadonlyMap<string, number>,
    private readonly minLength = 5,
  ) {
    for (const word of words.keys()) {
      if (word.length < minLength - 1) continue;
      for (const key of [word, ...deletions(word)]) {
        const list = this.deletes.get(key);
        if (!list) this.deletes.set(key, [word]);
        else if (!list.includes(word)) list.push(word);
      }
    }
  }

  /** Whether a word is known as it is. */
  has(word: string): boolean {
    return this.words.has(word);
  }

  /** The known word an unknown word is a typo of, or undefined. */
  correct(word: string): string | undefined {
    if (word.length < this.minLength || this.words.has(word)) return undefined;
    let out = this.cache.get(word);
    if (out === undefined) {
      out = this.nearest(word) ?? null;
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(word, out);
    }
    return out ?? undefined;
  }

  private nearest(word: string): string | undefined {
    const candidates = new Set<string>();
    for (const key of [word, ...deletions(word)]) for (const w of this.deletes.get(key) ?? []) candidates.add(w);
    let best: string | undefined;
    let bestKey = [Infinity, Infinity, Infinity];
    let tie = false;
    const letters = sorted(word);
    for (const w of candidates) {
      if (distance().DamerauLevenshteinDistance(word, w, { restricted: true }) > 1) continue;
      const key = [sorted(w) === letters ? 0 : 1, -(this.words.get(w) ?? 0)];
      const order = compare(key, bestKey);
      if (order < 0) {
        best = w;
        bestKey = key;
        tie = false;
      } else if (order === 0) tie = true;
    }
    return tie ? undefined : best;
  }
}

/** A word with each one of its letters left out. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

const sorted = (word: string) => [...word].sort().join('');

/** Compares two keys element by element. */
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
