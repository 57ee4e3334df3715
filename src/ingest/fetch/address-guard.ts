/**
 * Which addresses wirewatch may connect to: public unicast addresses only, unless the operator's
 * allow-list (WIREWATCH_ALLOW_PRIVATE) names the range. This keeps a hostile feed URL or redirect
 * from reaching this machine, the local network or a cloud metadata service (SSRF).
 */
import ipaddr from 'ipaddr.js';
import type { AllowList, IpAddress } from './allow-list.ts';

/** People's names for the ipaddr.js ranges we refuse. */
const rangeNames: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique local',
  teredo: 'Teredo tunnel',
  discard: 'discard-only',
  benchmarking: 'benchmarking',
  as112: 'AS112',
  as112v6: 'AS112',
  amt: 'AMT',
  deprecatedSiteLocal: 'site-local',
  deprecatedOrchid: 'ORCHID',
  orchid2: 'ORCHID',
  droneRemoteIdProtocolEntityTags: 'drone remote ID',
  segmentRouting: 'segment routing',
};

/** The global unicast block: IPv6 outside it (e.g. the old IPv4-compatible ::a.b.c.d) is not the Internet. */
const globalUnicastV6 = ipaddr.parseCIDR('2000::/3');

/**
 * Null when `address` is a public unicast address, else the name of its range ("loopback", "private"…).
 * IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are
 * judged by the IPv4 address they carry, so ::ffff:127.0.0.1 is loopback and 64:ff9b::8.8.8.8 public.
 */
export function nonPublicRange(address: IpAddress): string | null {
  const carried = embeddedIpv4(address);
  if (carried !== null) {
    const range = nonPublicRange(carried);
    return range === null ? null : `${range} (IPv4 inside IPv6)`;
  }
  const range = address.range();
  if (range !== 'unicast') return rangeNames[range] ?? range;
  if (address.kind() === 'ipv6' && !address.match(globalUnicastV6)) return 'reserved';
  return null;
}

/** The verdict on one resolved address. */
export interface AddressVerdict {
  allowed: boolean;
  /** Null for public addresses, else the range's name. */
  range: string | null;
  /** The smallest allow-list entry that would let it through (`127.0.0.1/32`), for messages. */
  allowEntry: string;
}

/** Judges an address literal (no brackets): public, or in the operator's allow-list. */
export function judgeAddress(literal: string, allowList: AllowList): AddressVerdict {
  const address = ipaddr.parse(literal);
  const range = nonPublicRange(address);
  const carried = embeddedIpv4(address);
  const allowEntry =
    carried === null ? `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}` : `${carried}/32`;
  if (range === null) return { allowed: true, range, allowEntry };
  const allowed = allowList.matches(address) || (carried !== null && allowList.matches(carried));
  return { allowed, range, allowEntry };
}

/** The IPv4 address an IPv6 address carries by a standard mapping, else null. */
function embeddedIpv4(address: IpAddress): ipaddr.IPv4 | null {
  if (address.kind() !== 'ipv6') return null;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  const parts = v6.parts;
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return fromWords(parts[6]!, parts[7]!);
  }
  if (range === '6to4') return fromWords(parts[1]!, parts[2]!);
  return null;
}

function fromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
