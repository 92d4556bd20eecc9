import { controlHostNames } from '../shared/control-hosts.js';
import { hostNameOf } from '../shared/host-name.js';
import { labelOfHost, parsePathForm } from '../shared/tenant-address.js';

/** Where a request goes, decided from its Host header and path alone (a pure function). */
export type ResolvedRoute =
  | { kind: 'control' }
  /** `prefix` is set for the path form (`/t/<tenant>/...`); `path` is what the tenant sees. */
  | { kind: 'tenant'; tenant: string; path: string; prefix?: string }
  /** A host name the platform does not answer on (issue 11, defect 2: DNS rebinding, links built to it). */
  | { kind: 'unknown-host'; host: string }
  /** No Host header, or an empty one (HTTP/1.0 may omit it). */
  | { kind: 'missing-host' };

export interface RouteOptions {
  /** The control plane's host names: the only hosts that take the path form. */
  controlHosts: ReadonlySet<string>;
  /** Tenants are `<tenant>.<suffix>` for each of these. */
  tenantSuffixes: readonly string[];
}

export interface PlatformHosts {
  domain: string;
  /** `PACTSAFS_CONTROL_HOSTS`. */
  controlHosts?: readonly string[];
  /** `PACTSAFS_PUBLIC_URL`: its host name is a control host, and tenants are reached under it too. */
  publicUrl?: URL;
}

/** The route options of a platform: control hosts, and tenants under `localhost`, the domain and the public URL's host. */
export function routeOptionsFor({ domain, controlHosts = [], publicUrl }: PlatformHosts): RouteOptions {
  const publicHost = publicUrl ? hostNameOf(publicUrl.host) : undefined;
  return {
    controlHosts: controlHostNames(domain, publicHost ? [...controlHosts, publicHost] : controlHosts),
    tenantSuffixes: [...new Set(['localhost', domain, ...(publicHost ? [publicHost] : [])])],
  };
}

const CONTROL: ResolvedRoute = Object.freeze({ kind: 'control' });
const MISSING_HOST: ResolvedRoute = Object.freeze({ kind: 'missing-host' });
/**
 * Resolves `<tenant>.<suffix>` to the tenant, a control host to the control plane (or, for
 * `/t/<tenant>/...`, to that tenant), and refuses every other host name. The address the request
 * came in on (`localAddress`) counts as a control host: an address is no name a DNS-rebinding page
 * could own, and the dashboard reaches tenants through it (in a container, its own address).
 */
export function resolveRoute(hostHeader: string | undefined, url: string, options: RouteOptions, localAddress?: string): ResolvedRoute {
  const host = hostNameOf(hostHeader);
  if (host === '') return MISSING_HOST;
  if (options.controlHosts.has(host)) return pathFormRoute(url) ?? CONTROL;
  // Called on every request: no per-call arrays or suffix strings.
  for (const suffix of options.tenantSuffixes) {
    const route = routeOfHost(host, suffix, url);
    if (route) return route;
  }
  if (localAddress !== undefined && isAddress(host, localAddress)) return pathFormRoute(url) ?? CONTROL;
  return { kind: 'unknown-host', host };
}

/** Whether a host name is this socket address, which Node gives IPv4-mapped on a dual-stack socket (`::ffff:10.0.0.5`). */
function isAddress(host: string, address: string): boolean {
  return host === address || (address.startsWith('::ffff:') && host === address.slice(7));
}

function pathFormRoute(url: string): ResolvedRoute | undefined {
  const pathForm = parsePathForm(url);
  return pathForm && { kind: 'tenant', ...pathForm };
}

/** `<label>.<suffix>`: `admin` is the control host, a single label a tenant; anything else does not match. */
function routeOfHost(host: string, suffix: string, url: string): ResolvedRoute | undefined {
  const label = labelOfHost(host, suffix);
  if (label === undefined) return undefined;
  if (label === 'admin') return pathFormRoute(url) ?? CONTROL;
  return label.includes('.') ? undefined : { kind: 'tenant', tenant: label, path: url };
}
