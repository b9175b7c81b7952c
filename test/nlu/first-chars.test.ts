/**
 * First characters of a pattern (first-chars.ts), and the dialect passes they
 * index: indexed and plain passes must read every message alike.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstChars } from '../../src/nlu/first-chars.js';
import { applyPass, dialectPass, expand, loadDialectData } from '../../src/nlu/standardise.js';
import { loadTrainingData } from '../../src/nlu/training.js';
import { normalise } from '../../src/nlu/normalise.js';
import { fromRoot } from '../../src/core/paths.js';

const chars = (source: string) => {
  const set = firstChars(source);
  return set && [...set].map((c) => String.fromCharCode(c)).sort();
};

describe('firstChars', () => {
  it.each([
    ['abc', ['a']],
    ['(?<=[てで])(?:へん|ひん)', ['ひ', 'へ']],
    ['^(?:せや|そや)(?:で)?', ['せ', 'そ']],
    ['(?:ば|を)?しきらん', ['し', 'ば', 'を']],
    ['(?:^|(?<=[、。]))ちゃう', ['ち']],
    ['[a-c]x', ['a', 'b', 'c']],
    ['\\u3042い', ['あ']],
    ['\\-x', ['-']],
    ['x{0,2}y', ['x', 'y']],
    ['むりぽ|無理ぽ', ['む', '無']],
  ])('%s → %j', (source, expected) => {
    expect(chars(source)).toEqual(expected);
  });

  it.each(['a?', '.x', '[^a]x', '\\wx', '(?:a|)', '[\\u4E00-\\u9FFF]x', '(?<name>a)'])('too free to tell: %s', (source) => {
    expect(firstChars(source)).toBeUndefined();
  });
});

describe('dialect passes indexed by first character', () => {
  const data = loadDialectData();
  const texts = [
    ...loadTrainingData().map((e) => e.text),
    ...readFileSync(fromRoot('test', 'fixtures', 'robustness', 'utterances.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  ].map(normalise);

  it.each(data.dialect.map((rules, i) => [i, rules] as const))('pass %i reads every message as the plain pass does', (_, rules) => {
    const expanded = rules.map((r) => ({ from: expand(r.from, data.macros), to: r.to }));
    const indexed = dialectPass(expanded);
    const plain = dialectPass(expanded, false);
    expect('byFirst' in indexed).toBe(true);
    const differ = texts.filter((t) => applyPass(indexed, t) !== applyPass(plain, t));
    expect(differ).toEqual([]);
  });
});
