import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Range = [network: string, prefix: number, kind: string];

/**
 * The IANA IPv4 special-purpose registry (RFC 6890 and its updates), plus multicast and class E.
 * A webhook may not reach these unless its host is whitelisted: it runs inside the platform's network
 * (issue 11). Globally reachable entries (AS112, AMT) are refused too: no webhook needs them.
 */
const IPV4_RANGES: Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // RFC 6598 shared address space: carrier-grade NAT and container platforms
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'protocol-assignment'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.31.196.0', 24, 'DNS sink (AS112)'],
  ['192.52.193.0', 24, 'multicast tunnel (AMT)'],
  ['192.88.99.0', 24, '6to4-relay'],
  ['192.168.0.0', 16, 'private'],
  ['192.175.48.0', 24, 'DNS sink (AS112)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'], // before 240/4, which holds it
  ['240.0.0.0', 4, 'reserved'],
];

/**
 * The IANA IPv6 special-purpose registry, plus what lies outside global unicast. Ranges that embed
 * IPv4 are listed too: after the embedded address passed, the translation itself is refused (except
 * IPv4-mapped, which is simply that IPv4 address). Teredo comes before 2001::/23, which holds it.
 */
const IPV6_RANGES: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'deprecated IPv4-compatible'],
  ['::ffff:0:0:0', 96, 'SIIT-translated'],
  ['64:ff9b::', 96, 'NAT64'],
  ['64:ff9b:1::', 48, 'NAT64'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001::', 23, 'protocol-assignment'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4'],
  ['2620:4f:8000::', 48, 'DNS sink (AS112)'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

/** Everything else outside 2000::/3 is unassigned or reserved by the IETF. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

type ParsedRange = { cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]; kind: string };
const parsed = (ranges: Range[]): ParsedRange[] => ranges.map(([network, prefix, kind]) => ({ cidr: [ipaddr.parse(network), prefix], kind }));
const ipv4Ranges = parsed(IPV4_RANGES);
const ipv6Ranges = parsed(IPV6_RANGES);

const IPV4_MAPPED = ipaddr.IPv6.parseCIDR('::ffff:0:0/96');
/** Where IPv6 carries an IPv4 address, and which 16-bit parts hold it (RFC 4291, 6052, 6145, 3056). */
const EMBEDDINGS: { cidr: [ipaddr.IPv6, number]; parts: [number, number] }[] = [
  { cidr: IPV4_MAPPED, parts: [6, 7] },
  { cidr: ipaddr.IPv6.parseCIDR('::/96'), parts: [6, 7] },
  { cidr: ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96'), parts: [6, 7] },
  { cidr: ipaddr.IPv6.parseCIDR('64:ff9b::/96'), parts: [6, 7] },
  { cidr: ipaddr.IPv6.parseCIDR('2002::/16'), parts: [1, 2] },
];

/** The IPv4 address an IPv6 address embeds (mapped, compatible, SIIT, NAT64 or 6to4), if any. */
export function embeddedIPv4(address: string): string | undefined {
  const ip = parse(address);
  return ip?.kind() === 'ipv6' ? embedded(ip as ipaddr.IPv6)?.toString() : undefined;
}

/**
 * What kind of special-purpose address this is (`loopback`, `private`, `Teredo`...), or undefined for a
 * public one. Only strict IP text is accepted (what the resolver answers); anything else is `malformed`.
 */
export function forbiddenAddressKind(address: string): string | undefined {
  const ip = parse(address);
  if (!ip) return 'malformed';
  if (ip.kind() === 'ipv4') return kindIn(ip, ipv4Ranges);
  const inner = embedded(ip as ipaddr.IPv6);
  const innerKind = inner && kindIn(inner, ipv4Ranges);
  if (innerKind || ip.match(IPV4_MAPPED)) return innerKind;
  return kindIn(ip, ipv6Ranges) ?? (ip.match(GLOBAL_UNICAST) ? undefined : 'reserved');
}

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // ipaddr.js also reads `0x7f.1` and `127.1`; net's strict check keeps to what a socket connects to.
  return isIP(address) === 0 ? undefined : ipaddr.parse(address);
}

function embedded(ip: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  // `::` and `::1` lie in ::/96 but are IPv6's own unspecified and loopback addresses.
  if (ip.parts.slice(0, 7).every((part) => part === 0) && (ip.parts[7] ?? 0) <= 1) return undefined;
  const found = EMBEDDINGS.find(({ cidr }) => ip.match(cidr));
  if (!found) return undefined;
  const [high = 0, low = 0] = found.parts.map((index) => ip.parts[index] ?? 0);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function kindIn(ip: ipaddr.IPv4 | ipaddr.IPv6, ranges: ParsedRange[]): string | undefined {
  return ranges.find(({ cidr }) => ip.match(cidr))?.kind;
}
