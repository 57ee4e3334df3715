/**
 * The one error type used inside wirewatch, and the registry of its codes.
 *
 * Every failure a user can meet carries a stable `AREA_WHAT` code, an HTTP status for the
 * server that comes later, and a message written for the person reading it. Unknown errors are
 * never shown as they are: the top-level handlers turn them into a plain "internal error".
 */

/** Every error code wirewatch can report, with the HTTP status it maps to. */
export const errorStatus = {
  QUERY_EMPTY: 400,
  QUERY_TOO_LONG: 400,
  QUERY_TOO_MANY_TERMS: 400,
  QUERY_UNCLOSED_PHRASE: 400,
  QUERY_UNBALANCED_PARENS: 400,
  QUERY_MISSING_OPERAND: 400,
  QUERY_UNKNOWN_FIELD: 400,
  QUERY_FIELD_UNAVAILABLE: 400,
  QUERY_BAD_FIELD_VALUE: 400,
  QUERY_BAD_DATE: 400,
  QUERY_NEGATION_ONLY: 400,
  QUERY_MIXED_OR: 400,
  QUERY_TOO_DEEP: 400,
  SEARCH_BAD_PAGE: 400,
  SEARCH_PAGE_TOO_DEEP: 400,
  SEARCH_BAD_CURSOR: 400,
  ARTICLE_INVALID: 422,
  ARTICLE_TOO_LARGE: 413,
  ARTICLE_CONFLICT: 409,
  ARTICLE_NOT_FOUND: 404,
  ARTICLE_NOT_EXTRACTED: 422,
  ARTICLE_PAGE_TOO_LARGE: 413,
  ARTICLE_PAGE_URL_INVALID: 422,
  ARTICLE_EXTRACT_TIMEOUT: 422,
  ARTICLE_EXTRACT_FAILED: 500,
  REQUEST_INVALID: 400,
  IMPORT_FILE_NOT_FOUND: 404,
  IMPORT_EMPTY_FILE: 422,
  IMPORT_BINARY_FILE: 422,
  IMPORT_UNKNOWN_FORMAT: 422,
  IMPORT_BAD_ENCODING: 422,
  IMPORT_LINE_TOO_LONG: 422,
  IMPORT_BAD_RECORD: 422,
  IMPORT_STRICT_ABORTED: 422,
  FEED_EMPTY: 422,
  FEED_BAD_ENCODING: 422,
  FEED_MALFORMED: 422,
  FEED_NOT_A_FEED: 422,
  OPML_MALFORMED: 422,
  OPML_NOT_OPML: 422,
  STORE_NOT_SQLITE: 500,
  STORE_NOT_WIREWATCH: 500,
  STORE_TOO_NEW: 500,
  STORE_READ_ONLY: 500,
  STORE_CANNOT_OPEN: 500,
  STORE_BUSY: 503,
  STORE_UNAVAILABLE: 503,
  STORE_AUTH_FAILED: 500,
  STORE_FULL: 507,
  CONFIG_INVALID: 500,
  FETCH_BAD_URL: 400,
  FETCH_ADDRESS_BLOCKED: 403,
  FETCH_DNS_FAILED: 502,
  FETCH_CONNECTION_FAILED: 502,
  FETCH_TLS_FAILED: 502,
  FETCH_TIMEOUT: 504,
  FETCH_ABORTED: 503,
  FETCH_TOO_LARGE: 502,
  FETCH_TOO_MANY_REDIRECTS: 502,
  FETCH_REDIRECT_LOOP: 502,
  FETCH_HTTP_STATUS: 502,
  FETCH_RETRY_LATER: 503,
  FETCH_BAD_RESPONSE: 502,
  COPY_MISMATCH: 500,
  SUBSCRIPTION_INVALID: 422,
  SUBSCRIPTION_NOT_FOUND: 404,
  SUBSCRIPTION_NO_FEED: 422,
  SOURCE_NOT_FOUND: 404,
  SOURCE_TYPE_INVALID: 422,
  GAZETTEER_INVALID: 422,
  TOPIC_RULES_INVALID: 422,
  ENTITY_EXISTS: 409,
  ENTITY_ALIAS_TAKEN: 409,
  ENTITY_NOT_FOUND: 404,
  ENRICH_WORKER_FAILED: 500,
  USER_INVALID: 422,
  USER_EXISTS: 409,
  USER_NOT_FOUND: 404,
  USER_LAST_ADMIN: 409,
  PASSWORD_TOO_WEAK: 422,
  TOKEN_INVALID: 422,
  TOKEN_NOT_FOUND: 404,
  AUTH_REQUIRED: 401,
  AUTH_FAILED: 401,
  AUTH_THROTTLED: 429,
  AUTH_FORBIDDEN: 403,
  AUTH_CSRF: 403,
  WATCH_INVALID: 422,
  WATCH_EXISTS: 409,
  WATCH_NOT_FOUND: 404,
  INTERNAL: 500,
} as const;

/** A stable error code, `AREA_WHAT`. */
export type ErrorCode = keyof typeof errorStatus;

/** Where in a piece of input an error was found (1-based, for people). */
export interface ErrorLocation {
  /** 1-based line number in a file, when the input has lines. */
  line?: number;
  /** 1-based column in a query or a line. */
  column?: number;
  /** How many characters from `column` the problem spans (for a caret under it). */
  length?: number;
}

/** The error every part of wirewatch throws on purpose. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly location: ErrorLocation | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; location?: ErrorLocation } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.location = options.location;
  }
}

/** True when `error` is an AppError, optionally with the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** A message safe to show a user for any thrown value: ours as written, others as a plain internal error. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  const detail = error instanceof Error ? error.message : String(error);
  return `INTERNAL: unexpected error (${detail})`;
}
