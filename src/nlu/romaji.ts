import { toHiragana } from 'wanakana';
import type { FuzzyWords } from './fuzzy.js';

/** What the Latin-word reader needs from `intents/dialect.json`. */
export interface LatinData {
  romaji: {
    /** A regular expression: the word reads as kana syllables. */
    shape: string;
    /** A regular expression: the word ends like Japanese grammar (desu, nai, shita…). */
    grammar: string;
    particles: string[];
    /** Words that are names in any language (barai): never romaji, never English. */
    names: string[];
    /** English words inside romaji Japanese, as the Japanese word (login → ログイン). */
    latin: Record<string, string>;
    /** Transliterated stems → their usual spelling (わすれ → 忘れ); keys of two characters match whole words only. */
    kana: Record<string, string>;
  };
  english: { slang: Record<string, string> };
}

/** The words the reader knows: English words, the few English words it corrects typos of, and names that are no language (brands, payloads). */
export interface LatinVocabulary {
  english: ReadonlySet<string>;
  /** Kana words the tables know (brand and network names, kana spellings): a romaji word that reads as one is surely romaji. */
  kana: ReadonlySet<string>;
  corrections: FuzzyWords;
  names: FuzzyWords;
}

const TWO_LETTERS = /[a-z]{2}/;
const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF]/;
const SPACE_NEAR_JAPANESE = /\s+(?=[\u3040-\u30FF\u3400-\u9FFF])|(?<=[\u3040-\u30FF\u3400-\u9FFF])\s+/g;

type Kind = 'name' | 'particle' | 'english' | 'romaji' | 'unknown';

/** What the reader knows of one Latin word, worked out once (memoised: most words come again). */
interface Word {
  kind: Kind;
  /** The word read as English or a name: a brand or typo corrected, an abbreviation expanded, a drawn-out word shortened; itself when none applies. */
  english: string;
  /** Its weight towards romaji (see `weight`): romaji words 1 or 2, particles that are no English word 1, others 0. */
  romaji: number;
  /** 1 for an English word, which weighs against romaji. */
  isEnglish: number;
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Inside a Latin word: letters, digits (b4), an apostrophe (can't) or a slash (w/). */
const inWord = (c: number) => isLetter(c) || isDigit(c) || c === 39 || c === 47;

/**
 * Reads the Latin words of a normalised message. Brand names typed wrong are
 * corrected first (dokomo, softbnak). Then, when the message's romaji-shaped
 * words that are not English outweigh its English words ("d barai ni login
 * dekinai", "norikaete nai"), it is romaji Japanese: those words are
 * transliterated with wanakana (memoised; it costs microseconds a word) and
 * written as usual (わすれた → 忘れた, login → ログイン), so that everything
 * after reads it as Japanese, the reply language included. Otherwise it is
 * English: chat abbreviations are expanded and unknown words corrected.
 * Messages without two Latin letters in a row cost one regular-expression
 * test; others one map read a word, and nothing is built unless a word changes.
 */
export class LatinReader {
  private readonly shape: RegExp;
  private readonly grammar: RegExp;
  private readonly particles: Set<string>;
  private readonly latin: Map<string, string>;
  private readonly kana: Map<string, string>;
  private readonly kanaMax: number;
  private readonly slang: Map<string, string>;
  private readonly transliterated = new Map<string, string>();
  private readonly words = new Map<string, Word>();

  constructor(
    data: LatinData,
    private readonly vocabulary: LatinVocabulary,
  ) {
    this.shape = new RegExp(data.romaji.shape);
    this.grammar = new RegExp(data.romaji.grammar);
    this.particles = new Set(data.romaji.particles);
    this.latin = new Map(Object.entries(data.romaji.latin));
    this.kana = new Map(Object.entries(data.romaji.kana));
    this.kanaMax = Math.max(0, ...[...this.kana.keys()].map((k) => k.length));
    this.slang = new Map(Object.entries(data.english.slang));
  }

  /** The message with its Latin words read (see the class); unchanged when it has none. */
  read(text: string): string {
    if (!TWO_LETTERS.test(text)) return text;
    const japanese = JAPANESE.test(text);
    let romaji = 0;
    let english = 0;
    let changes = false;
    for (let at = this.next(text, 0); at >= 0; at = this.next(text, this.end)) {
      const word = text.slice(at, this.end);
      const w = this.word(word);
      romaji += w.romaji;
      english += w.isEnglish;
      if (w.english !== word && (w.kind === 'name' || !japanese)) changes = true;
    }
    if (romaji >= 2 && romaji > english) return this.rewrite(text, 'japanese').replace(SPACE_NEAR_JAPANESE, '');
    return changes ? this.rewrite(text, japanese ? 'names' : 'english') : text;
  }

  /** Where `next` found the end of a word. */
  private end = 0;

  /**
   * The start of the next Latin word at or after `from` (its end in `this.end`),
   * or -1. A word touching a digit (a code, a version) is skipped, unless it is
   * an abbreviation (b4). A loop, not a regular expression: no match objects.
   */
  private next(text: string, from: number): number {
    const n = text.length;
    for (let i = from; i < n; i++) {
      if (!isLetter(text.charCodeAt(i))) continue;
      let end = i + 1;
      while (end < n && inWord(text.charCodeAt(end))) end++;
      const start = i;
      i = end;
      if ((start > 0 && isDigit(text.charCodeAt(start - 1))) || (end < n && isDigit(text.charCodeAt(end)))) continue;
      if (/\d/.test(text.slice(start, end)) && !this.slang.has(text.slice(start, end))) continue; // b4 is a word, fes1003 and v5 are not
      this.end = end;
      return start;
    }
    return -1;
  }

  /** The message with its words written as romaji Japanese (kana, Japanese words), as English (corrected), or with only brand names corrected. */
  private rewrite(text: string, as: 'japanese' | 'english' | 'names'): string {
    let out = '';
    let last = 0;
    for (let at = this.next(text, 0); at >= 0; at = this.next(text, this.end)) {
      const word = text.slice(at, this.end);
      const w = this.word(word);
      let by = word;
      if (as === 'japanese') by = w.kind === 'romaji' || w.kind === 'particle' ? this.toKana(word) : (this.latin.get(w.english) ?? w.english);
      else if (as === 'english' || w.kind === 'name') by = w.english;
      out += text.slice(last, at) + by;
      last = this.end;
    }
    return out + text.slice(last);
  }

  /** What the reader knows of a word (memoised). */
  private word(word: string): Word {
    let w = this.words.get(word);
    if (!w) {
      w = this.analyse(word);
      if (this.words.size > 20_000) this.words.clear();
      this.words.set(word, w);
    }
    return w;
  }

  private analyse(word: string): Word {
    const { names, english } = this.vocabulary;
    if (names.has(word)) return { kind: 'name', english: word, romaji: 0, isEnglish: 0 };
    if (this.particles.has(word)) return { kind: 'particle', english: word, romaji: english.has(word) ? 0 : 1, isEnglish: 0 }; // ne, wa, ni: not English
    if (english.has(word) || this.latin.has(word)) return { kind: 'english', english: this.slang.get(word) ?? word, romaji: 0, isEnglish: 1 };
    const slang = this.slang.get(word);
    if (slang !== undefined) return { kind: 'english', english: slang, romaji: 0, isEnglish: 1 };
    const name = names.correct(word);
    if (name) return { kind: 'name', english: name, romaji: 0, isEnglish: 0 };
    const fixed = this.shortened(word) ?? this.vocabulary.corrections.correct(word) ?? word;
    if (this.shape.test(word)) return { kind: 'romaji', english: fixed, romaji: this.weight(word), isEnglish: 0 };
    return { kind: 'unknown', english: fixed, romaji: 0, isEnglish: 0 };
  }

  /** A word whose last letter is repeated, as the known word it stretches ("heyy" → hey, "yesss" → yes), or undefined. */
  private shortened(word: string): string | undefined {
    const m = /(.)\1+$/.exec(word);
    if (!m) return undefined;
    const stem = word.slice(0, m.index);
    const { english, names } = this.vocabulary;
    for (const w of [stem + m[1], stem + m[1] + m[1]]) if (english.has(w) || names.has(w) || this.slang.has(w)) return this.slang.get(w) ?? w;
    return undefined;
  }

  /** How surely a romaji-shaped word is Japanese: 2 for grammar or a word the tables know, else 1 (it may be an English word the examples never used). */
  private weight(word: string): number {
    if (this.grammar.test(word)) return 2;
    const kana = this.hiragana(word);
    return this.vocabulary.kana.has(kana) || this.usualSpelling(kana) !== kana ? 2 : 1;
  }

  /** One romaji word in kana, its stem written as usual. */
  private toKana(word: string): string {
    return this.usualSpelling(this.hiragana(word));
  }

  /** wanakana's hiragana for a romaji word, memoised (it costs microseconds a word). */
  private hiragana(word: string): string {
    let out = this.transliterated.get(word);
    if (out === undefined) {
      out = toHiragana(word);
      if (this.transliterated.size > 10_000) this.transliterated.clear();
      this.transliterated.set(word, out);
    }
    return out;
  }

  /** The longest `kana` key the word starts with (two-character keys: the whole word) replaced by its spelling. */
  private usualSpelling(kana: string): string {
    for (let n = Math.min(this.kanaMax, kana.length); n >= 2; n--) {
      const to = this.kana.get(kana.slice(0, n));
      if (to !== undefined && (n >= 3 || n === kana.length)) return to + kana.slice(n);
    }
    return kana;
  }
}
