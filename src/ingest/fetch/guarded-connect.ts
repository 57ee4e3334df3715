/**
 * The connect function of the fetch client's undici Agent: resolves the host itself, judges every
 * address, and dials the address it judged. Checking here, at connect time, covers the first
 * request, every redirect hop and every name, and leaves no DNS-rebinding gap (no second lookup).
 *
 * undici skips `connect.lookup` for IP-literal URLs, so a lookup hook alone lets http://127.0.0.1
 * through: literals are recognised with net.isIP and judged here too.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { AppError } from '../../core/errors.ts';
import { judgeAddress } from './address-guard.ts';
import type { AllowList } from './allow-list.ts';
import { formatSeconds } from './fetch-error.ts';

/** Resolves a host name to its addresses (literals, no brackets), in the order to try them. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, so /etc/hosts counts), every address, in the system's order. */
export const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** What the guarded connector needs. */
export interface GuardedConnectOptions {
  allowList: AllowList;
  /** Bound on DNS resolution, and separately on the TCP (and TLS) connect. */
  connectTimeoutMs: number;
  resolveHost: ResolveHost;
}

/** An undici `connect` function that only ever dials public or allow-listed addresses. */
export function createGuardedConnector(options: GuardedConnectOptions): buildConnector.connector {
  const dial = buildConnector({ timeout: options.connectTimeoutMs });
  return (connectOptions, callback) => {
    chooseAddress(connectOptions.hostname, options).then(
      // Only the address is swapped: `host` and `servername` keep the name, so the Host header,
      // TLS SNI and certificate check still use it.
      (address) => dial({ ...connectOptions, hostname: address }, callback),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

/** The first allowed address of `hostname`; throws FETCH_ADDRESS_BLOCKED, FETCH_DNS_FAILED or FETCH_TIMEOUT. */
export async function chooseAddress(hostname: string, options: GuardedConnectOptions): Promise<string> {
  const name = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const isLiteral = isIP(name) !== 0;
  const addresses = isLiteral ? [name] : await resolveWithin(name, options);
  const verdicts = addresses.map((address) => ({ address, ...judgeAddress(address, options.allowList) }));
  const allowed = verdicts.find((verdict) => verdict.allowed);
  if (allowed !== undefined) return allowed.address;
  const refused = verdicts[0]!;
  const found = isLiteral
    ? `${name} is ${withArticle(refused.range ?? 'refused')} address`
    : `${name} resolved to ${verdicts.map((v) => `${v.address} (${v.range})`).join(', ')}`;
  throw new AppError(
    'FETCH_ADDRESS_BLOCKED',
    `refused to connect: ${found}, not a public address. To allow it, set WIREWATCH_ALLOW_PRIVATE ` +
      `to a comma-separated list of CIDR ranges that includes it (e.g. WIREWATCH_ALLOW_PRIVATE=${refused.allowEntry})`,
  );
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

async function resolveWithin(name: string, options: GuardedConnectOptions): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError(
            'FETCH_TIMEOUT',
            `DNS lookup of ${name} timed out after ${formatSeconds(options.connectTimeoutMs)}`,
          ),
        ),
      options.connectTimeoutMs,
    );
  });
  try {
    const addresses = await Promise.race([options.resolveHost(name), timeout]);
    if (addresses.length === 0) throw new AppError('FETCH_DNS_FAILED', `${name} has no address`);
    return addresses;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AppError('FETCH_DNS_FAILED', `could not resolve ${name} (${code})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
