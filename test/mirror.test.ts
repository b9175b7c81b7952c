/**
 * test/ mirrors src/ and dialogs/. Every module with logic has its test at the
 * mirrored path (`src/a/b.ts` → `test/a/b.test.ts`, `dialogs/x.ts` →
 * `test/dialogs/x.test.ts`), or, where the test that covers it sits elsewhere
 * for a reason (an integration test by topic: test/server/, test/agent/…), a
 * note at the mirrored path (`test/a/b.test.md`) whose one line names it:
 *
 *     Covered by `test/server/web.test.ts` (what of the module it exercises).
 *
 * Modules without logic (types, interfaces, re-exports) need neither: they are
 * listed below with the reason, and the list is checked against what the
 * modules declare, both ways.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../src/core/paths.js';

/** Modules with no code that runs: nothing to test. Checked: exactly the modules `hasLogic` finds none in. */
const NO_LOGIC: Record<string, string> = {
  'src/dialog/dialog.ts': 'interfaces only: the contract between the engine and the declared dialogs',
  'src/http/index.ts': 're-exports of src/http/server.ts and src/http/errors.ts',
  'src/store/types.ts': 'interfaces and types only: the Store every engine implements',
  'src/types/natural.d.ts': "type declarations for natural's untyped modules",
};

/** The one line of a note. */
const NOTE = /^Covered by `(test\/[^`\s]+\.test\.ts)` \((.+)\)\.$/;

/** Files under `dir` (relative to the project root), as project paths with forward slashes. */
const filesUnder = (dir: string): string[] => (readdirSync(fromRoot(dir), { recursive: true }) as string[]).map((f) => `${dir}/${f.split(sep).join('/')}`);

/** The modules the rule is about: every `.ts` under src/, and the declared dialogs (dialogs/*.ts). */
function modules(): string[] {
  return [...filesUnder('src').filter((f) => f.endsWith('.ts')), ...filesUnder('dialogs').filter((f) => /^dialogs\/[^/]+\.ts$/.test(f))].sort();
}

/** Where a module's test goes, and its note instead. */
function mirrorOf(module: string): { test: string; note: string } {
  const base = module.replace(/^src\//, '').replace(/\.ts$/, '');
  return { test: `test/${base}.test.ts`, note: `test/${base}.test.md` };
}

/** The module a note stands for (the inverse of `mirrorOf`). */
const moduleOfNote = (note: string): string => {
  const base = note.replace(/^test\//, '').replace(/\.test\.md$/, '');
  return base.startsWith('dialogs/') ? `${base}.ts` : `src/${base}.ts`;
};

/**
 * Whether a module's source has code that runs: anything but imports of
 * bindings, re-exports, interfaces, type aliases and ambient declarations.
 */
function hasLogic(source: string): boolean {
  const file = ts.createSourceFile('module.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return file.statements.some((s) => {
    if (ts.isImportDeclaration(s)) return s.importClause === undefined; // `import './x.js'` runs x for its effects
    if (ts.isExportDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) return false;
    if (ts.isModuleDeclaration(s)) return !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
    return true;
  });
}

interface Tree {
  modules: string[];
  notes: string[];
  exists(path: string): boolean;
  read(path: string): string;
}

/** Everything that breaks the rule in `tree`, one line each; empty when test/ mirrors it. */
function problems(tree: Tree, noLogic: Record<string, string>): string[] {
  const out: string[] = [];
  for (const listed of Object.keys(noLogic)) if (!tree.modules.includes(listed)) out.push(`${listed}: listed as without logic, but there is no such module`);
  for (const module of tree.modules) {
    if (module in noLogic) continue;
    const { test, note } = mirrorOf(module);
    const [hasTest, hasNote] = [tree.exists(test), tree.exists(note)];
    if (hasTest && hasNote) out.push(`${note}: ${module} has its own test, ${test}; the note is left over`);
    else if (!hasTest && !hasNote) out.push(`${module}: neither ${test} nor a note ${note} naming the test that covers it`);
    else if (hasNote) {
      const lines = tree
        .read(note)
        .split('\n')
        .filter((l) => l.trim());
      const named = lines.length === 1 ? NOTE.exec(lines[0]!.trim())?.[1] : undefined;
      if (!named) out.push(`${note}: not one line "Covered by \`test/….test.ts\` (what it exercises)."`);
      else if (!tree.exists(named)) out.push(`${note}: names ${named}, which does not exist`);
    }
  }
  for (const note of tree.notes) {
    const module = moduleOfNote(note);
    if (!tree.modules.includes(module)) out.push(`${note}: no module ${module} to stand for`);
    else if (module in noLogic) out.push(`${note}: ${module} has no logic and needs no note`);
  }
  return out;
}

describe('test/ mirrors src/ and dialogs/', () => {
  const all = modules();
  const real: Tree = {
    modules: all,
    notes: filesUnder('test').filter((f) => f.endsWith('.test.md')),
    exists: (path) => existsSync(fromRoot(path)),
    read: (path) => readFileSync(fromRoot(path), 'utf8'),
  };

  it('finds the modules of src/ and dialogs/, and no src/dialogs/ whose mirror would be the same', () => {
    expect(all.length).toBeGreaterThan(90);
    expect(all).toEqual(expect.arrayContaining(['src/bot.ts', 'src/store/repos/review.ts', 'dialogs/csat.ts', 'src/types/natural.d.ts']));
    expect(all.filter((m) => m.startsWith('src/dialogs/'))).toEqual([]);
  });

  it('lists as without logic exactly the modules that declare only types, interfaces and re-exports', () => {
    expect(all.filter((m) => !hasLogic(real.read(m)))).toEqual(Object.keys(NO_LOGIC).sort());
  });

  it('every module with logic has its mirrored test, or a note there naming the test that covers it', () => {
    expect(problems(real, NO_LOGIC)).toEqual([]);
  });
});

describe('the check itself', () => {
  it('tells code that runs from declarations', () => {
    const declarations = [
      "import type { A } from './a.js';\nimport { b } from './b.js';\nexport interface C { c: string }\nexport type D = C | null;",
      "export { createHttp } from './server.js';\nexport type { Store } from './types.js';",
      "declare module 'natural/lib/x.js' {\n  export default class X {}\n}",
    ];
    const code = ['export const x = 1;', 'export function f(): void {}', 'export class C {}', 'enum E { A }', "import './side-effect.js';", 'main();'];
    expect(declarations.map(hasLogic)).toEqual(declarations.map(() => false));
    expect(code.map(hasLogic)).toEqual(code.map(() => true));
  });

  it('names a module with neither test nor note, a note that is not one line, a note naming a missing test, a left-over note and a note without a module', () => {
    const files: Record<string, string> = {
      'test/a.test.ts': '',
      'test/b.test.md': 'Covered by `test/server/web.test.ts` (the upgrade).\n',
      'test/server/web.test.ts': '',
      'test/c.test.md': 'Covered by `test/server/gone.test.ts` (nothing).\n',
      'test/d.test.md': 'Tested somewhere.\n',
      'test/e.test.md': 'Covered by `test/server/web.test.ts` (one).\nCovered by `test/server/web.test.ts` (two).\n',
      'test/a.test.md': 'Covered by `test/server/web.test.ts` (old).\n',
      'test/old.test.md': 'Covered by `test/server/web.test.ts` (renamed).\n',
      'test/types.test.md': 'Covered by `test/server/web.test.ts` (types).\n',
    };
    const tree: Tree = {
      modules: ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts', 'src/e.ts', 'src/f.ts', 'src/types.ts'],
      notes: Object.keys(files).filter((f) => f.endsWith('.md')),
      exists: (path) => path in files,
      read: (path) => files[path]!,
    };
    expect(problems(tree, { 'src/types.ts': 'types', 'src/gone.ts': 'moved' })).toEqual([
      'src/gone.ts: listed as without logic, but there is no such module',
      'test/a.test.md: src/a.ts has its own test, test/a.test.ts; the note is left over',
      'test/c.test.md: names test/server/gone.test.ts, which does not exist',
      'test/d.test.md: not one line "Covered by `test/….test.ts` (what it exercises)."',
      'test/e.test.md: not one line "Covered by `test/….test.ts` (what it exercises)."',
      'src/f.ts: neither test/f.test.ts nor a note test/f.test.md naming the test that covers it',
      'test/old.test.md: no module src/old.ts to stand for',
      'test/types.test.md: src/types.ts has no logic and needs no note',
    ]);
  });
});
