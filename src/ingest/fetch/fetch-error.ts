/**
 * The error every failed fetch throws: an AppError with the URL it concerns and, for answers the
 * scheduler acts on, the HTTP status and how long the server asked us to wait.
 */
import { AppError, type ErrorCode } from '../../core/errors.ts';

/** What a FetchError may carry beyond its code and message. */
export interface FetchErrorDetails {
  /** The URL of the hop that failed (after redirects, the one that was being fetched). */
  url: string;
  /** The HTTP status the server answered with, for FETCH_HTTP_STATUS and FETCH_RETRY_LATER. */
  httpStatus?: number;
  /** Milliseconds the server asked us to wait (Retry-After), capped at `maxRetryAfterMs`. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A fetch failure with a stable FETCH_* code and a message naming the URL and what went wrong. */
export class FetchError extends AppError {
  readonly url: string;
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, details: FetchErrorDetails) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'FetchError';
    this.url = details.url;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** "1.5 s", "30 s": durations in messages, as an operator sets them. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** "10 MiB", "512 KiB", "37 bytes": sizes in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
