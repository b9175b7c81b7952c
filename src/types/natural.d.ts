// natural's own typings cover only its root module; the bot imports the few
// submodules it uses (the root loads everything and prints on stdout).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/tokenizers/tokenizer_ja.js' {
  export default class TokenizerJa {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  /** natural's naive Bayes; its inner `classifier` is apparatus' model. */
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    features: Record<string, number>;
    docs: { label: string; text: string[] }[];
    classifier: {
      classFeatures: Record<string, Record<string, number>>;
      classTotals: Record<string, number>;
      totalExamples: number;
      smoothing: number;
    };
    addDocument(tokens: string[], label: string): void;
    textToFeatures(observation: string[]): number[];
    train(): void;
    getClassifications(observation: string[]): { label: string; value: number }[];
    classify(observation: string[]): string;
  }
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  /** Edit distance counting a swap of two neighbours as one edit; `restricted` is the optimal-string-alignment variant. */
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
}
