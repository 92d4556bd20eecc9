import { BlockList, isIPv4 } from 'node:net';

/**
 * Ranges a webhook may not reach unless its host is whitelisted: loopback, link-local, unspecified,
 * private (RFC 1918, RFC 4193), carrier-grade NAT (RFC 6598, which container platforms use), multicast
 * and reserved. A tenant's webhook runs inside the platform's network; see official-image.md.
 */
const FORBIDDEN: [network: string, prefix: number, type: 'ipv4' | 'ipv6', kind: string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'private'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const lists = FORBIDDEN.map(([network, prefix, type, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, type, kind };
});

/** What kind of internal address this is (`loopback`, `private`...), or undefined for a public one. */
export function forbiddenAddressKind(address: string): string | undefined {
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) reaches the IPv4 host.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const type = isIPv4(ip) ? 'ipv4' : 'ipv6';
  return lists.find((entry) => entry.type === type && entry.list.check(ip, type))?.kind;
}
