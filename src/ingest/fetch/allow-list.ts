/**
 * The operator's list of non-public address ranges wirewatch may fetch from anyway
 * (WIREWATCH_ALLOW_PRIVATE), e.g. `127.0.0.1/8,::1/128` for a feed served on the same machine.
 */
import ipaddr from 'ipaddr.js';
import { AppError } from '../../core/errors.ts';

/** An IPv4 or IPv6 address as ipaddr.js parses it. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Compiled CIDR ranges: the text the operator wrote and the parsed form that is matched. */
export interface AllowList {
  /** The ranges as written (normalised: a bare address gets /32 or /128), for messages. */
  readonly cidrs: readonly string[];
  /** True when `address` lies in one of the ranges. */
  matches(address: IpAddress): boolean;
}

/** The allow-list that allows nothing beyond public addresses: the default. */
export const emptyAllowList: AllowList = compileAllowList([]);

/**
 * Splits a comma-separated CIDR list and checks every entry, returning the normalised ranges and one
 * problem per bad entry (so configuration can list them all). A bare address means that one address.
 */
export function parseCidrList(text: string): { cidrs: string[]; problems: string[] } {
  const cidrs: string[] = [];
  const problems: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const problem = cidrProblem(entry);
    if (problem === null) cidrs.push(normaliseCidr(entry));
    else problems.push(problem);
  }
  return { cidrs, problems };
}

/** Compiles CIDR ranges; throws CONFIG_INVALID naming every bad entry. */
export function compileAllowList(cidrs: readonly string[]): AllowList {
  const problems = cidrs.map(cidrProblem).filter((problem) => problem !== null);
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `invalid private-address allow-list: ${problems.join('; ')}`);
  }
  const normalised = cidrs.map(normaliseCidr);
  const ranges = normalised.map((cidr) => ipaddr.parseCIDR(cidr));
  return Object.freeze({
    cidrs: Object.freeze(normalised),
    matches(address: IpAddress): boolean {
      return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
    },
  });
}

function cidrProblem(entry: string): string | null {
  const [address, prefix, ...extra] = entry.split('/');
  // Only plain forms: "0x7f.1" or "2130706433" in an allow-list is more likely a slip than a wish.
  const isPlain =
    address !== undefined && (ipaddr.IPv4.isValidFourPartDecimal(address) || ipaddr.IPv6.isValid(address));
  if (extra.length > 0 || !isPlain) {
    return `"${entry}" is not an IP address range (write it as CIDR, e.g. 127.0.0.1/8 or ::1/128)`;
  }
  if (prefix === undefined) return null;
  const max = ipaddr.parse(address!).kind() === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    return `"${entry}" has a bad prefix length (it must be 0..${max} for this address)`;
  }
  return null;
}

function normaliseCidr(entry: string): string {
  if (entry.includes('/')) {
    const [address, prefix] = entry.split('/') as [string, string];
    return `${ipaddr.parse(address).toString()}/${Number(prefix)}`;
  }
  const address = ipaddr.parse(entry);
  return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
}
