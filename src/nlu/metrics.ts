/** Scores for a list of (gold, predicted) labels: per-label precision/recall/F1 and a confusion matrix. */
export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  rows: { label: string; support: number; precision: number; recall: number; f1: number }[];
  confusion: Map<string, Map<string, number>>;
}

/** Computes `Scores` from parallel arrays of gold and predicted labels. */
export function score(gold: string[], predicted: string[]): Scores {
  const labels = [...new Set([...gold, ...predicted])].sort();
  const confusion = new Map(labels.map((l) => [l, new Map<string, number>()]));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    if (g === p) correct++;
    const row = confusion.get(g)!;
    row.set(p, (row.get(p) ?? 0) + 1);
  });
  const count = (g: string, p: string) => confusion.get(g)?.get(p) ?? 0;
  const rows = labels
    .filter((l) => gold.includes(l))
    .map((label) => {
      const tp = count(label, label);
      const support = gold.filter((g) => g === label).length;
      const predictedAs = predicted.filter((p) => p === label).length;
      const precision = predictedAs ? tp / predictedAs : 0;
      const recall = support ? tp / support : 0;
      const f1 = tp ? (2 * tp) / (support + predictedAs) : 0;
      return { label, support, precision, recall, f1 };
    });
  const macroF1 = rows.reduce((s, r) => s + r.f1, 0) / (rows.length || 1);
  return { n: gold.length, accuracy: correct / (gold.length || 1), macroF1, rows, confusion };
}

/** The scores as a table with a confusion matrix, for a terminal. */
export function formatScores(s: Scores): string {
  const lines = ['intent                 support  precision  recall     f1'];
  for (const r of s.rows) {
    lines.push(
      `${r.label.padEnd(22)} ${String(r.support).padStart(7)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ${r.f1.toFixed(3)}`,
    );
  }
  const labels = [...s.confusion.keys()];
  const short = labels.map((l) => l.slice(0, 4));
  lines.push('', 'confusion matrix (rows: gold, columns: predicted)', '                       ' + short.map((x) => x.padStart(5)).join(''));
  for (const g of labels) {
    lines.push(g.padEnd(23) + labels.map((p) => String(s.confusion.get(g)?.get(p) ?? '.').padStart(5)).join(''));
  }
  lines.push('', `accuracy ${(100 * s.accuracy).toFixed(1)}%  macro-F1 ${s.macroF1.toFixed(3)}  (${s.n} messages)`);
  return lines.join('\n');
}
