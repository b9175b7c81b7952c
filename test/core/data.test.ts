import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadJson } from '../../src/core/data.js';
import { BotError } from '../../src/core/errors.js';

const Schema = z.object({ name: z.string(), hours: z.object({ open: z.number().int() }) });
const dir = mkdtempSync(join(tmpdir(), 'data-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
/** The error `loadJson` throws for `file`. */
const failure = (file: string) => {
  try {
    loadJson(file, Schema);
  } catch (e) {
    return e;
  }
  throw new Error(`${file} loaded`);
};

describe('loadJson', () => {
  it('returns the parsed value the schema validated', () => {
    expect(loadJson(write('good.json', '{"name":"desk","hours":{"open":9}}'), Schema)).toEqual({ name: 'desk', hours: { open: 9 } });
  });

  it('refuses a file that is not JSON with bad_data naming the file', () => {
    const file = write('broken.json', '{"name": "desk",');
    const e = failure(file);
    expect(e).toBeInstanceOf(BotError);
    expect(e).toMatchObject({ code: 'bad_data', message: expect.stringMatching(new RegExp(`^${file}: `)) });
  });

  it('refuses a missing file with bad_data naming it', () => {
    const file = join(dir, 'absent.json');
    expect(failure(file)).toMatchObject({ code: 'bad_data', message: expect.stringContaining(`${file}: ENOENT`) });
  });

  it('refuses a value the schema rejects, naming the file and the path of each bad value', () => {
    const file = write('bad.json', '{"name":7,"hours":{"open":9.5}}');
    const e = failure(file) as BotError;
    expect(e.code).toBe('bad_data');
    expect(e.message).toMatch(new RegExp(`^${file}: name: .+; hours\\.open: .+`));
    expect((failure(write('array.json', '[]')) as BotError).message).toMatch(new RegExp(`^${file.replace('bad.json', 'array.json')}: \\(top\\): `));
  });
});
