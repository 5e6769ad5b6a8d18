import ipaddr from 'ipaddr.js';

/**
 * Whether an outgoing webhook may connect to an address: only globally routable unicast ones.
 * Loopback, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata at 169.254.169.254),
 * CGNAT, multicast, broadcast, unspecified (0.0.0.0, ::), reserved, and the IPv6 forms that
 * embed an IPv4 address (mapped, 6to4, Teredo, NAT64) are refused. Pure: resolving names is the
 * caller's job, and it must connect to the very address it checked.
 */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${describe(range)} address`;
}

const NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private-network',
  uniqueLocal: 'private-network (unique local)',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unspecified: 'unspecified',
};

function describe(range: string): string {
  return NAMES[range] ?? `special-purpose (${range})`;
}

/** The host of a URL as an IP literal (brackets of IPv6 removed), or null for a name. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : null;
}
