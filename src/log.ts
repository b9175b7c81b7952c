import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The one logger: structured JSON lines on stderr, quiet by default (`info`
 * logs only start-up and hand-offs; per-message lines are `debug`).
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination as pino.DestinationStream);
}

/** A logger that writes nothing, for tests and tools. */
export const silentLogger: Logger = pino({ level: 'silent' });
