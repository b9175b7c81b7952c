import { describe, expect, it } from 'vitest';
import { formatScores, score } from '../../src/nlu/metrics.js';

// 6 messages: 4 right. login: 3 gold, 2 found, 1 more predicted wrongly; thanks: 2 gold, 2 found; greeting: 1 gold, none found.
const gold = ['login', 'login', 'login', 'thanks', 'thanks', 'greeting'];
const predicted = ['login', 'login', 'thanks', 'thanks', 'thanks', 'login'];

describe('score', () => {
  const s = score(gold, predicted);

  it('gives accuracy and per-label precision, recall and F1', () => {
    expect(s.n).toBe(6);
    expect(s.accuracy).toBeCloseTo(4 / 6, 12);
    const rows = Object.fromEntries(s.rows.map((r) => [r.label, r]));
    expect(rows.login).toEqual({ label: 'login', support: 3, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(rows.thanks).toEqual({ label: 'thanks', support: 2, precision: 2 / 3, recall: 1, f1: 0.8 });
    expect(rows.greeting).toEqual({ label: 'greeting', support: 1, precision: 0, recall: 0, f1: 0 });
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8 + 0) / 3, 12);
  });

  it('counts gold against predicted in the confusion matrix', () => {
    expect(Object.fromEntries(s.confusion.get('login')!)).toEqual({ login: 2, thanks: 1 });
    expect(Object.fromEntries(s.confusion.get('greeting')!)).toEqual({ login: 1 });
    expect([...s.confusion.keys()]).toEqual(['greeting', 'login', 'thanks']);
  });

  it('lists only labels that are gold somewhere as rows, and scores nothing as 0', () => {
    expect(score(['a'], ['b']).rows.map((r) => r.label)).toEqual(['a']);
    expect(score([], [])).toMatchObject({ n: 0, accuracy: 0, macroF1: 0, rows: [] });
  });
});

describe('formatScores', () => {
  it('prints a row per label, the confusion matrix and the totals', () => {
    const text = formatScores(score(gold, predicted));
    expect(text).toMatch(/^intent\s+support\s+precision\s+recall\s+f1$/m);
    expect(text).toMatch(/^thanks\s+2\s+0\.667\s+1\.000\s+0\.800$/m);
    expect(text).toContain('confusion matrix (rows: gold, columns: predicted)');
    expect(text).toMatch(/^login\s+\.\s+2\s+1$/m);
    expect(text).toMatch(/accuracy 66\.7%\s+macro-F1 0\.489\s+\(6 messages\)$/);
  });
});
