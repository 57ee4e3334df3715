/**
 * PostgreSQL's failures as AppErrors that name the server and the fix. Connection failures come from
 * the socket (ECONNREFUSED, ENOTFOUND…) or from the server as SQLSTATE codes; both are mapped here so
 * that every command reports a wrong URL, a wrong password or a server that is down in the same words.
 */
import { AppError } from '../../core/errors.ts';

/** The URL without its password, for messages and `Store.location`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable PostgreSQL URL';
  }
}

/** True when `value` names a PostgreSQL server rather than an SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** Where the URL points, as `host:port/database`, for short messages. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${decodeURIComponent(host)}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return url;
  }
}

const lostConnectionCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  '57P01',
  '57P02',
  '08006',
  '08003',
  '08000',
]);

/** True when the error means the connection is gone (server stopped, network cut). */
export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error)?.message ?? '';
  return (
    lostConnectionCodes.has(code) ||
    /Connection terminated|connection .*(closed|lost)|Client has encountered a connection error/i.test(
      message,
    )
  );
}

/** Maps a failure of the server at `url` to an AppError; AppErrors pass through unchanged. */
export function mapPostgresError(error: unknown, url: string): AppError | unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error)?.message ?? String(error);
  const target = describeTarget(url);
  const user = (() => {
    try {
      return decodeURIComponent(new URL(url).username) || 'the current user';
    } catch {
      return 'the current user';
    }
  })();
  const make = (errorCode: ConstructorParameters<typeof AppError>[0], text: string) =>
    new AppError(errorCode, text, { cause: error });
  if (code === 'ECONNREFUSED')
    return make(
      'STORE_UNAVAILABLE',
      `cannot reach PostgreSQL at ${target}: connection refused — is the server running?`,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return make('STORE_CANNOT_OPEN', `cannot reach PostgreSQL at ${target}: the host name does not resolve`);
  if (code === 'ETIMEDOUT' || /timeout expired|connection timeout/i.test(message))
    return make('STORE_UNAVAILABLE', `PostgreSQL at ${target} did not answer in time`);
  if (code === '28P01')
    return make('STORE_AUTH_FAILED', `PostgreSQL at ${target} refused the password of user "${user}"`);
  if (code === '28000')
    return make('STORE_AUTH_FAILED', `PostgreSQL at ${target} refused user "${user}": ${message}`);
  if (code === '3D000')
    return make('STORE_CANNOT_OPEN', `${message} on PostgreSQL at ${target}: create it first (createdb)`);
  if (code === '57P03')
    return make(
      'STORE_UNAVAILABLE',
      `PostgreSQL at ${target} is starting up or shutting down; try again shortly`,
    );
  if (code === '53300')
    return make('STORE_BUSY', `PostgreSQL at ${target} has no free connection slots; try again shortly`);
  if (code === '53100') return make('STORE_FULL', `the disk of PostgreSQL at ${target} is full`);
  if (code === '25006')
    return make('STORE_READ_ONLY', `PostgreSQL at ${target} is read-only (a replica?): ${message}`);
  if (code === '42501')
    return make(
      'STORE_CANNOT_OPEN',
      `user "${user}" lacks a privilege on PostgreSQL at ${target}: ${message}`,
    );
  if (isConnectionLost(error))
    return make(
      'STORE_UNAVAILABLE',
      `the connection to PostgreSQL at ${target} was lost (${message}); nothing of the interrupted write was kept`,
    );
  return error;
}
