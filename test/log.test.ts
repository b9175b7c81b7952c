import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../src/log.js';

/** A stream that keeps every line written to it. */
function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes one JSON line per entry at or above its level: the level, an ISO time, the fields and the message, nothing else', () => {
    const { stream, lines } = sink();
    const log = createLogger('info', stream);
    log.debug('per message: not at info');
    log.info({ ticket: 'T-1' }, 'hand-off');
    log.error('failed');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toEqual({ level: 30, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), ticket: 'T-1', msg: 'hand-off' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 50, msg: 'failed' });
  });

  it('writes debug lines at debug, and nothing when silent', () => {
    const debug = sink();
    createLogger('debug', debug.stream).debug('a turn');
    expect(debug.lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['a turn']);
    const quiet = sink();
    createLogger('silent', quiet.stream).error('unheard');
    expect(quiet.lines).toEqual([]);
    expect(silentLogger.isLevelEnabled('fatal')).toBe(false);
  });
});
