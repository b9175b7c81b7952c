import { z } from 'zod';
import type { Lang } from '../core/types.js';
import { loadJson } from '../core/data.js';
import { fromRoot } from '../core/paths.js';
import { BotError } from '../core/errors.js';

const TextFile = z.record(z.string(), z.string().min(1));
const ContactFile = z.object({ short: z.string().min(1), free: z.string().min(1) });

/** Values a reply text may name as `{key}`. */
export type Vars = Record<string, string | number>;

/**
 * The reply texts, per language, as a support team edits them in
 * `dialogs/texts/<lang>.json`. Every key must exist in both languages.
 */
export class Texts {
  constructor(
    private readonly table: Record<Lang, Record<string, string>>,
    private readonly contacts: Vars,
  ) {
    const ja = Object.keys(table.ja).filter((k) => !k.startsWith('$'));
    const en = new Set(Object.keys(table.en).filter((k) => !k.startsWith('$')));
    const missing = [...ja.filter((k) => !en.has(k)).map((k) => `en.${k}`), ...[...en].filter((k) => !(k in table.ja)).map((k) => `ja.${k}`)];
    if (missing.length) throw new BotError('bad_data', `reply texts missing: ${missing.join(', ')}`);
  }

  /** Loads `dialogs/texts/{ja,en}.json` and `dialogs/contacts.json`. */
  static load(dir = fromRoot('dialogs')): Texts {
    const contacts = loadJson(`${dir}/contacts.json`, ContactFile.extend({ $comment: z.string().optional() }));
    return new Texts(
      { ja: loadJson(`${dir}/texts/ja.json`, TextFile), en: loadJson(`${dir}/texts/en.json`, TextFile) },
      { short: contacts.short, free: contacts.free },
    );
  }

  /** Whether a key exists (in both languages, which the constructor guarantees). */
  has(key: string): boolean {
    return key in this.table.ja;
  }

  /** The text for a key in a language, with `{name}` filled from `vars` and the contact numbers. */
  get(lang: Lang, key: string, vars: Vars = {}): string {
    const text = this.table[lang][key];
    if (text === undefined) throw new BotError('bad_data', `no reply text '${key}'`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? this.contacts[name] ?? whole));
  }

  /** Every key, for tests. */
  keys(): string[] {
    return Object.keys(this.table.ja);
  }
}
