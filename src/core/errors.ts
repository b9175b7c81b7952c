/** Why something failed, as a stable code a caller can branch on. */
export type ErrorCode =
  | 'bad_data' // a data file (training examples, replies, synonyms) is invalid
  | 'bad_config' // the environment does not validate
  | 'bad_request' // a client sent something malformed
  | 'too_large' // a client sent too much
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal';

/**
 * The one error type of the project: a code, a message for people, and the
 * details that explain it. Thrown anywhere, caught in one place per entry point.
 */
export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'BotError';
  }
}
