import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { label, loadAgentLabels } from '../../src/agent/labels.js';
import { BotError } from '../../src/core/errors.js';
import { fromRoot } from '../../src/core/paths.js';

describe('label', () => {
  const table = { waiting: '対応待ち', not_owner: '{id} は {agent} さんが対応中です', hint: 'スレッドに返信' };

  it('gives the table’s label of a key, with {name} filled', () => {
    expect(label(table, 'waiting')).toBe('対応待ち');
    expect(label(table, 'not_owner', { id: 'T-1', agent: 'bob' })).toBe('T-1 は bob さんが対応中です');
  });

  it('leaves a {name} it was not given as it is', () => {
    expect(label(table, 'not_owner', { id: 'T-1' })).toBe('T-1 は {agent} さんが対応中です');
    expect(label({ k: '{constructor} / {toString}' }, 'k')).toBe('{constructor} / {toString}');
  });

  it('gives the key itself when the table has no label for it, an inherited name included', () => {
    expect(label(table, 'claimed')).toBe('claimed');
    expect(label({}, 'no_facts {x}', { x: 'y' })).toBe('no_facts y');
    expect(label(table, 'toString')).toBe('toString');
    expect(label(table, 'constructor')).toBe('constructor');
  });
});

describe('loadAgentLabels', () => {
  it('loads the shipped labels, one set for the console and Slack', () => {
    const labels = loadAgentLabels();
    expect(labels.status.waiting).toBe('対応待ち');
    expect(labels.value.carrier?.docomo).toBe('ドコモ回線');
    expect(Object.keys(labels.analytics)).toEqual(['metric', 'question', 'intent', 'misunderstood']);
  });

  it('refuses a file that lacks a table, naming the file and the table', () => {
    const { remedy: _missing, ...rest } = JSON.parse(readFileSync(fromRoot('dialogs', 'agent-labels.json'), 'utf8')) as Record<string, unknown>;
    const file = join(mkdtempSync(join(tmpdir(), 'labels-')), 'agent-labels.json');
    writeFileSync(file, JSON.stringify({ ...rest, status: { waiting: 7 } }));
    expect(() => loadAgentLabels(file)).toThrow(BotError);
    expect(() => loadAgentLabels(file)).toThrow(new RegExp(`^${file}: .*status\\.waiting: .*remedy: `));
  });
});
