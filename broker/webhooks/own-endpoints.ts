import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/**
 * An address and port the server answering for this broker listens on: the platform's gateway for an
 * embedded broker, the broker's own port when it runs alone. `0.0.0.0`, `::` or a host name stand for
 * every local address.
 */
export interface ListeningEndpoint {
  host: string;
  port: number;
}

/**
 * Whether a connection to this address and port reaches one of the endpoints. Issue 11: a webhook
 * never reaches the platform itself, whatever a tenant's host whitelist says.
 */
export function reachesOwnEndpoint(address: string, port: number, endpoints: readonly ListeningEndpoint[]): boolean {
  const target = comparable(address);
  return endpoints.some(({ host, port: listening }) => {
    if (listening !== port) return false;
    const endpoint = isIP(host) === 0 ? undefined : comparable(host);
    // Connecting to 0.0.0.0 or :: reaches the local host, whichever address it listens on.
    if (endpoint === undefined || isUnspecified(endpoint)) return isLocal(target);
    return target === endpoint || isUnspecified(target);
  });
}

/** One text per address: IPv4-mapped IPv6 as the IPv4 address it is, without a zone id. */
function comparable(address: string): string {
  if (isIP(address) === 0) return address;
  const ip = ipaddr.process(address);
  return ip.kind() === 'ipv6' ? new ipaddr.IPv6((ip as ipaddr.IPv6).parts).toNormalizedString() : ip.toString();
}

function isUnspecified(address: string): boolean {
  return address === '0.0.0.0' || address === comparable('::');
}

/** Unspecified, loopback, or an address of one of this machine's interfaces (read now: they change). */
function isLocal(address: string): boolean {
  if (isUnspecified(address) || address === comparable('::1') || address.startsWith('127.')) return true;
  return Object.values(networkInterfaces())
    .flat()
    .some((info) => info !== undefined && comparable(info.address) === address);
}
