/**
 * Errors across a worker-thread boundary (the SQLite read workers, the article extractor): an
 * AppError keeps its code, message and location, any other error its name, message and stack.
 */
import { AppError, type ErrorCode, type ErrorLocation, errorStatus } from './errors.ts';

/** A failure as it crosses the thread boundary. */
export type SerializedError =
  | { kind: 'app'; code: string; message: string; location?: ErrorLocation }
  | { kind: 'other'; name: string; message: string; stack?: string };

/** Turns any thrown value into data that survives postMessage. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    return {
      kind: 'app',
      code: error.code,
      message: error.message,
      ...(error.location ? { location: { ...error.location } } : {}),
    };
  }
  if (error instanceof Error) {
    return {
      kind: 'other',
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { kind: 'other', name: 'Error', message: String(error) };
}

/** Rebuilds a worker's failure on this thread. */
export function deserializeError(error: SerializedError): Error {
  if (error.kind === 'app') {
    const code = (error.code in errorStatus ? error.code : 'INTERNAL') as ErrorCode;
    return new AppError(code, error.message, error.location ? { location: error.location } : {});
  }
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
