import { describe, expect, it } from 'vitest';
import { features } from '../../src/nlu/features.js';
import { Nlu } from '../../src/nlu/index.js';
import { loadTrainingData } from '../../src/nlu/training.js';
import { PLACEHOLDER } from '../../src/nlu/entities.js';

describe('features', () => {
  it.each([
    ['ログイン', ['c:ログ', 'c:グイ', 'c:イン']],
    ['can not login', ['e:can', 'e:NOT', 'e:login', 'b:can_NOT', 'b:NOT_login']],
    ["i don't know", ['e:i', 'e:NOT', 'e:know', 'b:i_NOT', 'b:NOT_know']],
  ])('%s gives %j', (text, expected) => {
    expect(new Set(features(text))).toEqual(new Set(expected));
  });

  it('keeps entity placeholders as features', () => {
    expect(features(`${PLACEHOLDER.code}が出る`)).toContain(`c:${PLACEHOLDER.code}が`);
    expect(features(`got ${PLACEHOLDER.code}`)).toContain(`e:${PLACEHOLDER.code}`);
  });

  it('lists each feature once', () => {
    const f = features('ログインログイン login login');
    expect(f.length).toBe(new Set(f).size);
  });

  it('gives every training example at least one feature', () => {
    const nlu = new Nlu();
    const empty = loadTrainingData().filter((e) => nlu.featuresOf(e.text).length === 0);
    expect(empty.map((e) => e.text)).toEqual([]);
  });
});
