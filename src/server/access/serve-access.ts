/**
 * Who may read when `wirewatch serve` starts. With accounts, everyone signs in unless the operator
 * turned anonymous reading on. With no accounts yet, a server only this machine can reach (a
 * loopback address, as `npm start` gives) serves read-only without signing in, so the product works
 * at once; a server others could reach refuses to start until the first admin exists or anonymous
 * reading is asked for. It never runs open by accident.
 */
import { isIP } from 'node:net';
import { AppError } from '../../core/errors.ts';
import type { AccessOptions } from './install-access.ts';

/** True for addresses only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare.startsWith('::ffff:127.');
}

/** The access to serve with, and a line saying so; CONFIG_INVALID when serving would be open by accident. */
export function decideServeAccess(input: { users: number; anonymousRead: boolean; host: string }): {
  access: AccessOptions;
  notice: string;
} {
  const firstAdmin = '`wirewatch users add NAME --role admin`';
  if (input.users > 0)
    return {
      access: { anonymousRead: input.anonymousRead },
      notice: input.anonymousRead
        ? 'anyone who can reach it may read; changes need an account'
        : 'signing in (or an API token) is needed to read it',
    };
  if (input.anonymousRead)
    return {
      access: { anonymousRead: true },
      notice: `no accounts yet: anyone who can reach it may read, and no one can change it until ${firstAdmin} makes the first admin`,
    };
  if (isLoopbackHost(input.host))
    return {
      access: { anonymousRead: true },
      notice: `no accounts yet: read-only, and only this machine can reach it; ${firstAdmin} makes the first admin and then signing in is needed`,
    };
  throw new AppError(
    'CONFIG_INVALID',
    `not serving ${input.host} with no accounts: anyone on the network could read the archive. Make the first admin with ${firstAdmin}, or allow reading without signing in on purpose with --anonymous-read (or WIREWATCH_ANONYMOUS_READ=1)`,
  );
}
