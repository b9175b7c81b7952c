import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrainingData } from '../../src/nlu/training.js';
import { fromRoot } from '../../src/core/paths.js';
import { INTENTS, isLoginIntent } from '../../src/core/types.js';

const examples = loadTrainingData();
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
/** Letters and digits only: a copy with other punctuation, spacing or emoji is still a copy. */
const bare = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
const bigrams = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)));
/** Jaccard similarity of two character-bigram sets. */
function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/**
 * The training examples that copy or nearly copy a line of a labelled set: the
 * same letters and digits, or character bigrams as alike as `threshold`
 * (Jaccard). The training examples, never the set's lines, are reported.
 */
function nearCopies(file: string, threshold: number): string[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => bare((JSON.parse(l) as { text: string }).text));
  const grams = lines.map(bigrams);
  const exact = new Set(lines);
  return examples
    .filter((e) => {
      const b = bare(e.text);
      if (exact.has(b)) return true;
      const g = bigrams(b);
      return grams.some((h) => similarity(g, h) >= threshold);
    })
    .map((e) => e.text);
}

describe('training data', () => {
  it('has at least 40 examples per login-failure intent and 15 per other intent, in both languages', () => {
    for (const intent of INTENTS) {
      const mine = examples.filter((e) => e.intent === intent);
      expect(mine.length, intent).toBeGreaterThanOrEqual(isLoginIntent(intent) ? 40 : 15);
      expect(new Set(mine.map((e) => e.lang)), intent).toEqual(new Set(['ja', 'en']));
    }
  });

  it('has no example twice, whatever the width, case or spacing', () => {
    const seen = new Map<string, string>();
    for (const e of examples) {
      const key = fold(e.text);
      expect(seen.get(key), `${e.text} (${e.intent})`).toBeUndefined();
      seen.set(key, e.intent);
    }
  });

  it('finds a near copy (the check below can fail)', () => {
    const near = (a: string, b: string) => similarity(bigrams(bare(a)), bigrams(bare(b)));
    expect(near('d払いにログインできない!', 'd払いにログイン できない')).toBe(1);
    expect(near('ドコモからauに乗り換えた', 'ドコモからauに乗り換えました')).toBeGreaterThanOrEqual(0.7);
    expect(near('d払いにログインできない', 'パスワードを忘れた')).toBeLessThan(0.2);
  });

  // Our robustness set (dialect, romaji, slang…) is for measuring only: no line of it, nor a near copy, is trained on.
  it('holds no line of the robustness set, nor a near copy', () => {
    expect(nearCopies(fromRoot('test', 'fixtures', 'robustness', 'utterances.jsonl'), 0.7)).toEqual([]);
  });

  // The public evaluation set lives outside the repository (../shared/eval); it is for measuring only.
  // Ordinary domain phrasing overlaps it up to about 0.73, so its near-copy line is drawn at 0.75.
  const evalFile = fromRoot('..', 'shared', 'eval', 'utterances.jsonl');
  it.skipIf(!existsSync(evalFile))('holds no line of the public evaluation set, nor a near copy', () => {
    expect(nearCopies(evalFile, 0.75)).toEqual([]);
  });
});
