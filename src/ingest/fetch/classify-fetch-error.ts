/**
 * Sorts whatever a request threw (undici, node:net, node:tls, our own guard) into one FetchError
 * class with a message a person can act on: timeout, refused address, DNS, TLS, connection, bad
 * response. Like Miniflux's response handler, every failure ends in a fixed class.
 */
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { FetchError, formatSeconds } from './fetch-error.ts';

/** Where the failed request was, and the signals that may have stopped it. */
export interface FailureContext {
  url: string;
  /** `response` until the status line and headers arrived, then `body`. */
  phase: 'response' | 'body';
  /** The total deadline's signal and length; fired means FETCH_TIMEOUT. */
  deadline: AbortSignal | undefined;
  deadlineMs: number;
  connectTimeoutMs: number;
  /** The caller's own signal; fired means FETCH_ABORTED. */
  callerSignal: AbortSignal | undefined;
}

/** The FetchError for `error`; FetchErrors pass through unchanged. */
export function classifyFetchError(error: unknown, context: FailureContext): FetchError {
  if (error instanceof FetchError) return error;
  const { url } = context;
  const make = (code: ErrorCode, what: string) =>
    new FetchError(code, `${url}: ${what}`, { url, cause: error });
  if (context.deadline?.aborted) {
    const where = context.phase === 'body' ? 'reading the body' : 'waiting for the response';
    return make(
      'FETCH_TIMEOUT',
      `timed out after ${formatSeconds(context.deadlineMs)} (total deadline, while ${where})`,
    );
  }
  if (context.callerSignal?.aborted) return make('FETCH_ABORTED', 'request cancelled');
  if (error instanceof AppError) return make(error.code, error.message);
  const code = errorCode(error);
  const detail = `${errorMessage(error)}${code === undefined ? '' : ` (${code})`}`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return make('FETCH_TIMEOUT', `connect timed out after ${formatSeconds(context.connectTimeoutMs)}`);
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return make('FETCH_TIMEOUT', `the server stopped answering: ${detail}`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return make('FETCH_DNS_FAILED', `could not resolve the host: ${detail}`);
  }
  if (isTlsFailure(code, error)) return make('FETCH_TLS_FAILED', `TLS failed: ${detail}`);
  if (code !== undefined && (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return make('FETCH_BAD_RESPONSE', `malformed HTTP response: ${detail}`);
  }
  if (code === 'UND_ERR_HEADERS_OVERFLOW')
    return make('FETCH_BAD_RESPONSE', `response headers too large: ${detail}`);
  if (context.phase === 'body') {
    return make('FETCH_BAD_RESPONSE', `the connection ended before the whole body arrived: ${detail}`);
  }
  if (code === 'ECONNREFUSED') return make('FETCH_CONNECTION_FAILED', `connection refused: ${detail}`);
  return make('FETCH_CONNECTION_FAILED', `request failed: ${detail}`);
}

/** The first `code` along the error and its causes (undici wraps node errors). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isTlsFailure(code: string | undefined, error: unknown): boolean {
  if (code === undefined) return false;
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code))
    return true;
  // OpenSSL handshake failures (e.g. https:// to a plain-HTTP port) surface as EPROTO with "SSL" inside.
  return code === 'EPROTO' && /ssl|tls/i.test(errorMessage(error));
}
