import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/core/paths.js';
import { INTENTS } from '../../src/core/types.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDb } from '../helpers/server.js';

/** Runs a TypeScript entry point the way the npm scripts do (tsx), with stdin. */
function run(script: string, input = '', args: string[] = [], env: Record<string, string> = {}) {
  const { DATABASE_URL: _exported, ...inherited } = process.env; // the store is the one `env` names (SQLite at BOT_DB)
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...inherited, DOTENV_CONFIG_QUIET: 'true', ...env },
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
  it('shows quick replies as numbered choices and takes a number as the choice, the rating included', () => {
    const r = run('src/channels/terminal.ts', 'd払いにログインできません\n1\n1\n1\n5\n', [], { BOT_DB: tempDb() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ready in \d+ ms/);
    expect(r.stdout).toContain('[1] ドコモ/ahamo');
    expect(r.stdout).toContain('[2] ドコモ以外');
    expect(r.stdout).toContain('Wi-Fiをオフ'); // 1 = docomo, then 1 = Wi-Fi: the remedy
    expect(r.stdout).toContain('ログインできてよかった'); // then 1 = it worked
    expect(r.stdout).toContain('[5] 5 とても満足'); // the rating, as numbers
    expect(r.stdout).toContain('評価していただきありがとうございます'); // 5 = very satisfied
  });

  it('runs on the same bot as every channel: the transcript is kept and a hand-off opens a ticket agents see', async () => {
    const db = tempDb();
    const r = run('src/channels/terminal.ts', `d払いにログインできません\n${'あ'.repeat(2001)}\nオペレーターと話したい\n`, [], { BOT_DB: db });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2000文字以内'); // too long: a polite request to shorten it, nothing cut
    const store = new SqliteStore({ file: db, dayOf: () => '' });
    const [ticket] = await store.tickets.list('waiting');
    expect(ticket).toMatchObject({ channel: 'terminal', summary: { reason: 'asked', firstMessage: 'd払いにログインできません' } });
    const lines = await store.transcript.lines(ticket!.conversationId);
    expect(lines.filter((l) => l.role === 'user').map((l) => l.text)).toEqual(['d払いにログインできません', 'オペレーターと話したい']);
    await store.close();
  });
});
