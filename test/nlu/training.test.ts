import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrainingData } from '../../src/nlu/training.js';
import { fromRoot } from '../../src/core/paths.js';
import { INTENTS, isLoginIntent } from '../../src/core/types.js';

const examples = loadTrainingData();
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

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

  // The public evaluation set lives outside the repository (../shared/eval); it is for measuring only.
  const evalFile = fromRoot('..', 'shared', 'eval', 'utterances.jsonl');
  it.skipIf(!existsSync(evalFile))('holds no line of the public evaluation set', () => {
    const evalTexts = new Set(
      readFileSync(evalFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => fold((JSON.parse(l) as { text: string }).text)),
    );
    expect(examples.filter((e) => evalTexts.has(fold(e.text))).map((e) => e.text)).toEqual([]);
  });
});
