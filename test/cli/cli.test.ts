import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/core/paths.js';
import { INTENTS } from '../../src/core/types.js';

/** Runs a TypeScript entry point the way the npm scripts do (tsx), with stdin. */
function run(script: string, input = '', args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run -s classify', () => {
  it('writes one JSON line per input line and nothing else', () => {
    const lines = ['d払いにログインできない', 'ＦＥＳ－１００３って出ます', 'auに乗り換えたら入れない', '', 'hello', '今日の天気は？'];
    const r = run('src/cli/classify.ts', lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l) as { text: string; intent: string; confidence: number; entities: Record<string, string> });
    parsed.forEach((p, i) => {
      expect(p.text).toBe(lines[i]);
      expect(INTENTS).toContain(p.intent);
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
      for (const key of Object.keys(p.entities)) expect(['error_code', 'carrier', 'network', 'os', 'app_version']).toContain(key);
    });
    expect(parsed[1]!.entities).toEqual({ error_code: 'FES1003' });
    expect(parsed[2]).toMatchObject({ intent: 'carrier_switched', entities: { carrier: 'au' } });
  });
});

describe('npm run -s export-training', () => {
  it('prints every training example as {"text","intent","lang"}', () => {
    const r = run('src/cli/export-training.ts');
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.length).toBeGreaterThan(1000);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['intent', 'lang', 'text']);
      expect(['ja', 'en']).toContain(row.lang);
    }
  });
});

describe('npm run eval', () => {
  it('cross-validates and prints per-intent scores and a confusion matrix', () => {
    const r = run('src/cli/eval.ts', '', ['--folds', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^intent\s+support\s+precision\s+recall\s+f1/m);
    expect(r.stdout).toContain('confusion matrix');
    const accuracy = Number(/accuracy ([\d.]+)%/.exec(r.stdout)![1]);
    expect(accuracy).toBeGreaterThan(90);
  });
});

describe('npm run chat', () => {
  it('shows quick replies as numbered choices and takes a number as the choice', () => {
    const r = run('src/channels/terminal.ts', 'd払いにログインできません\n1\n1\n1\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ready in \d+ ms/);
    expect(r.stdout).toContain('[1] ドコモ/ahamo');
    expect(r.stdout).toContain('[2] ドコモ以外');
    expect(r.stdout).toContain('Wi-Fiをオフ'); // 1 = docomo, then 1 = Wi-Fi: the remedy
    expect(r.stdout).toContain('ログインできてよかった'); // then 1 = it worked
  });
});
