/** Why something failed, as a stable code a caller can branch on; HTTP bodies carry it as `error`. */
export type ErrorCode =
  | 'bad_data' // a data file (training examples, replies, synonyms) is invalid
  | 'bad_config' // the environment does not validate
  | 'bad_request' // a client sent something malformed
  | 'too_large' // a client sent too much
  | 'unauthorized' // no valid credential
  | 'session_expired' // a web id past SESSION_TTL_DAYS: ask for a new one
  | 'forbidden' // a valid credential without the right (apply a model without being an admin)
  | 'not_owner' // another agent holds the ticket
  | 'not_found'
  | 'conflict' // the thing is not in a state that allows it (a claim of a claimed ticket)
  | 'model_worse' // a retrained model scores worse than the running one
  | 'rate_limited'
  | 'unavailable' // a dependency (the database) is down: try again later
  | 'internal';

/** The HTTP status of each code: one table, used by the one HTTP error mapper. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_data: 500,
  bad_config: 500,
  bad_request: 400,
  too_large: 413,
  unauthorized: 401,
  session_expired: 401,
  forbidden: 403,
  not_owner: 403,
  not_found: 404,
  conflict: 409,
  model_worse: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * The one error type of the project: a code, a message for people, and the
 * details that explain it (extra fields of an HTTP error body, such as
 * `retryAfter` or the accuracies of a refused model). Thrown anywhere, caught
 * in one place per entry point.
 */
export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BotError';
  }
}

/** An issue as zod reports it (the fields this formatter reads). */
interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * The one formatter of validation issues: `path: message` pairs, the first
 * `max` of them, joined with `; `. Used for data files, configuration and
 * request bodies alike.
 *
 * @example formatIssues([{ path: ['text'], message: 'Required' }]) // 'text: Required'
 */
export function formatIssues(issues: readonly Issue[], max = 5, root = 'body', separator = '; '): string {
  return issues
    .slice(0, max)
    .map((i) => `${i.path.map(String).join('.') || root}: ${i.message}`)
    .join(separator);
}
