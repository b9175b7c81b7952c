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
const LATIN_WORD = /[a-z][a-z'/0-9]*/g;
const JAPANESE = /[\u3040-\u30FF\u3400-\u9FFF]/;
const DIGIT = /[0-9]/;
const SPACE_NEAR_JAPANESE = /\s+(?=[\u3040-\u30FF\u3400-\u9FFF])|(?<=[\u3040-\u30FF\u3400-\u9FFF])\s+/g;

type Kind = 'name' | 'particle' | 'english' | 'romaji' | 'unknown';
interface Token {
  word: string;
  start: number;
  end: number;
  kind: Kind;
  /** The word as the message is read: a corrected typo, an expanded abbreviation, a transliteration. */
  out: string;
}

/**
 * Reads the Latin words of a normalised message. Brand names typed wrong are
 * corrected first (dokomo, softbnak). Then, when the message's romaji-shaped
 * words that are not English outweigh its English words ("d barai ni login
 * dekinai", "norikaete nai"), it is romaji Japanese: those words are
 * transliterated with wanakana (memoised; it costs microseconds a word) and
 * written as usual (わすれた → 忘れた, login → ログイン), so that everything
 * after reads it as Japanese, the reply language included. Otherwise it is
 * English: chat abbreviations are expanded and unknown words corrected.
 * Messages without two Latin letters in a row cost one regular-expression test.
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
    const tokens = this.tokens(text);
    if (tokens.length === 0) return text;
    const japanese = JAPANESE.test(text);
    if (this.isRomaji(tokens)) return this.asJapanese(text, tokens);
    let changed = false;
    for (const t of tokens) {
      const out = t.kind === 'name' ? t.out : japanese ? undefined : this.englishWord(t);
      if (out !== undefined && out !== t.word) {
        t.out = out;
        changed = true;
      }
    }
    return changed ? this.join(text, tokens) : text;
  }

  /** The message's Latin words, each classified; a word touching a digit (a code, a version) is left out. */
  private tokens(text: string): Token[] {
    const out: Token[] = [];
    LATIN_WORD.lastIndex = 0;
    for (let m = LATIN_WORD.exec(text); m; m = LATIN_WORD.exec(text)) {
      const word = m[0];
      const start = m.index;
      const end = start + word.length;
      if (DIGIT.test(text[start - 1] ?? '') || DIGIT.test(text[end] ?? '')) continue;
      if (DIGIT.test(word) && !this.slang.has(word)) continue; // b4 is a word, fes1003 and v5 are not
      out.push({ word, start, end, ...this.classify(word) });
    }
    return out;
  }

  private classify(word: string): { kind: Kind; out: string } {
    const { names, english } = this.vocabulary;
    if (names.has(word)) return { kind: 'name', out: word };
    if (this.particles.has(word)) return { kind: 'particle', out: word };
    if (english.has(word) || this.slang.has(word) || this.latin.has(word)) return { kind: 'english', out: word };
    const name = names.correct(word);
    if (name) return { kind: 'name', out: name };
    return { kind: this.shape.test(word) ? 'romaji' : 'unknown', out: word };
  }

  /**
   * Romaji Japanese when its romaji words outweigh its English words and weigh
   * two or more (see `weight`): one unknown word alone is not enough
   * ("negative", 「pontaポイント」), one word of grammar or a known name is.
   */
  private isRomaji(tokens: Token[]): boolean {
    let romaji = 0;
    let english = 0;
    for (const t of tokens) {
      if (t.kind === 'romaji') romaji += this.weight(t.word);
      else if (t.kind === 'english') english++;
      else if (t.kind === 'particle' && !this.vocabulary.english.has(t.word)) romaji++; // ne, wa, ni: not English words
    }
    return romaji >= 2 && romaji > english;
  }

  /** How surely a romaji-shaped word is Japanese: 2 for grammar or a word the tables know, else 1 (it may be an English word the examples never used). */
  private weight(word: string): number {
    if (this.grammar.test(word)) return 2;
    const kana = this.hiragana(word);
    return this.vocabulary.kana.has(kana) || this.usualSpelling(kana) !== kana ? 2 : 1;
  }

  /** An English-mode word: an abbreviation expanded, a drawn-out word shortened ("heyyy", "nooo"), a typo corrected. */
  private englishWord(t: Token): string | undefined {
    const slang = this.slang.get(t.word);
    if (slang !== undefined) return slang;
    if (t.kind !== 'romaji' && t.kind !== 'unknown') return undefined;
    return this.shortened(t.word) ?? this.vocabulary.corrections.correct(t.word);
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

  /** The message with its romaji words in kana and its English words as the Japanese ones, spaces around Japanese dropped. */
  private asJapanese(text: string, tokens: Token[]): string {
    for (const t of tokens) {
      if (t.kind === 'romaji' || t.kind === 'particle') t.out = this.toKana(t.word);
      else t.out = this.latin.get(t.out) ?? t.out;
    }
    return this.join(text, tokens).replace(SPACE_NEAR_JAPANESE, '');
  }

  private join(text: string, tokens: Token[]): string {
    let out = '';
    let last = 0;
    for (const t of tokens) {
      out += text.slice(last, t.start) + t.out;
      last = t.end;
    }
    return out + text.slice(last);
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
