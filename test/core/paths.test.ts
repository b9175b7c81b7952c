import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, fromRoot } from '../../src/core/paths.js';

describe('project paths', () => {
  it('finds the folder holding this project’s package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('dbarai-login-helpbot');
    expect(existsSync(join(ROOT, 'src', 'core', 'paths.ts'))).toBe(true);
  });

  it('joins paths inside it', () => {
    expect(fromRoot('dialogs', 'rules.json')).toBe(join(ROOT, 'dialogs', 'rules.json'));
    expect(fromRoot()).toBe(ROOT);
    expect(existsSync(fromRoot('intents', 'answers.json'))).toBe(true);
  });
});
