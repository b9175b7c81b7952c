import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/core/types.js';
import { fromRoot } from '../../src/core/paths.js';
import { readLabelled } from '../../src/nlu/evaluate.js';
import { loadTrainingData } from '../../src/nlu/training.js';
import { fingerprint } from '../../src/review/fingerprint.js';
import { FROZEN_FILE } from '../../src/review/training.js';

const frozen = readLabelled(FROZEN_FILE);

describe('the frozen evaluation set (test/fixtures/frozen-eval.jsonl)', () => {
  it('covers every intent in both languages', () => {
    for (const intent of INTENTS) expect(new Set(frozen.filter((f) => f.intent === intent).map((f) => f.lang)), intent).toEqual(new Set(['ja', 'en']));
  });

  it('holds no training example, whatever the width, kana, digits or punctuation, and no line twice', () => {
    const trained = new Set(loadTrainingData().map((e) => fingerprint(e.text)));
    expect(frozen.filter((f) => trained.has(fingerprint(f.text))).map((f) => f.text)).toEqual([]);
    expect(new Set(frozen.map((f) => fingerprint(f.text))).size).toBe(frozen.length);
  });

  // The public evaluation set lives outside the repository and is for measuring only: none of its lines may be here.
  const evalFile = fromRoot('..', 'shared', 'eval', 'utterances.jsonl');
  it.skipIf(!existsSync(evalFile))('holds no line of the public evaluation set', () => {
    const evalKeys = new Set(
      readFileSync(evalFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => fingerprint((JSON.parse(l) as { text: string }).text)),
    );
    expect(frozen.filter((f) => evalKeys.has(fingerprint(f.text))).map((f) => f.text)).toEqual([]);
  });
});
