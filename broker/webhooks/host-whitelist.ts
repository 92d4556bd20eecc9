import { BlockList, isIP } from 'node:net';

/**
 * Whether a URL host matches one entry of the host whitelist, as RB `check_host_whitelist.rb`: an IP
 * host against an IP or CIDR entry; `*.domain` as a TLS wildcard (one whole label); else equality.
 */
export function hostMatchesWhitelist(host: string, whitelist: readonly string[]): boolean {
  return whitelist.some((entry) => hostMatchesEntry(unbracket(host), entry));
}

function hostMatchesEntry(host: string, entry: string): boolean {
  const family = isIP(host);
  if (family !== 0) return ipMatches(host, family === 6 ? 'ipv6' : 'ipv4', entry);
  if (entry.startsWith('*')) return wildcardMatches(host.toLowerCase(), entry.toLowerCase());
  return host === entry;
}

function ipMatches(host: string, type: 'ipv4' | 'ipv6', entry: string): boolean {
  const [network = '', prefixText] = unbracket(entry).split('/');
  const entryFamily = isIP(network);
  if (entryFamily === 0 || (entryFamily === 6 ? 'ipv6' : 'ipv4') !== type) return false;
  const list = new BlockList();
  const maxPrefix = type === 'ipv6' ? 128 : 32;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) return false;
  list.addSubnet(network, prefix, type);
  return list.check(host, type);
}

/** OpenSSL's verify_hostname: `*` stands for exactly one non-empty leftmost label. */
function wildcardMatches(host: string, pattern: string): boolean {
  const hostLabels = host.split('.');
  const patternLabels = pattern.split('.');
  if (hostLabels.length !== patternLabels.length || hostLabels[0] === '') return false;
  return patternLabels.every((label, index) => (index === 0 && label === '*') || label === hostLabels[index]);
}

/** `[::1]` → `::1`: URL hosts keep the brackets of an IPv6 literal. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
