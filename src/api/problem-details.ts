/**
 * Errors as `application/problem+json` (RFC 9457): one shape for every failure of the API, naming
 * the bad field, so a script can tell a typo in its query from a server that is down.
 */
import { AppError, type ErrorCode, type ErrorLocation } from '../core/errors.ts';

/** The media type of a problem document. */
export const problemContentType = 'application/problem+json; charset=utf-8';

/** One thing wrong with a request: which part of it, which field, and why. */
export interface ProblemField {
  /** The part of the request: `query` (the query string), `body`, `path` or `header`. */
  in: 'query' | 'body' | 'path' | 'header';
  /** A JSON pointer to the field inside that part: `/per_page`, `/0/title` (a batch's first article). */
  pointer: string;
  message: string;
}

/** An RFC 9457 problem document, with wirewatch's stable error code beside the standard members. */
export interface ProblemDocument {
  /** A URI naming the kind of problem; stable for each error code. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem happened on. */
  instance: string;
  /** wirewatch's error code, `AREA_WHAT`. */
  code: ErrorCode | 'NOT_FOUND' | 'RATE_LIMITED' | 'REQUEST_TOO_LARGE';
  /** The fields at fault, when the request was malformed. */
  errors?: ProblemField[];
  /** For a malformed query: where in `q` the parser stopped (1-based column). */
  location?: ErrorLocation;
}

/** The `type` URI of an error code (a URN, so it never resolves to somewhere on the internet). */
export function problemType(code: string): string {
  return `urn:wirewatch:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Short titles per HTTP status, for the `title` member. */
const statusTitles: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
  507: 'Insufficient storage',
};

/** The title of an HTTP status. */
export function statusTitle(status: number): string {
  return statusTitles[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}

/** An AppError about several fields of a request at once (a batch with more than one bad article). */
export class RequestFieldsError extends AppError {
  readonly fields: ProblemField[];

  constructor(code: ErrorCode, message: string, fields: ProblemField[]) {
    super(code, message);
    this.fields = fields;
  }
}
