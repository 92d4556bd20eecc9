import { hostNameOf } from '../shared/host-name.js';

/** Where a request goes, decided from its Host header and path alone (a pure function). */
export type ResolvedRoute =
  | { kind: 'control' }
  /** `prefix` is set for the path form (`/t/<tenant>/...`); `path` is what the tenant sees. */
  | { kind: 'tenant'; tenant: string; path: string; prefix?: string };

export interface RouteOptions {
  /** Tenants are `<tenant>.<domain>`; `localhost` always counts too. */
  domain: string;
}

const CONTROL: ResolvedRoute = Object.freeze({ kind: 'control' });
const PATH_FORM = /^\/t\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/;

/** Resolves `<tenant>.localhost`, `<tenant>.<domain>` and `/t/<tenant>/...`; anything else is the control plane. */
export function resolveRoute(hostHeader: string | undefined, url: string, options: RouteOptions): ResolvedRoute {
  const host = hostNameOf(hostHeader);
  // Called on every request: no per-call arrays or suffix strings.
  const hostForm = routeOfHost(host, 'localhost', url) ?? (options.domain === 'localhost' ? undefined : routeOfHost(host, options.domain, url));
  if (hostForm) return hostForm;
  const pathForm = PATH_FORM.exec(url);
  if (pathForm?.[1]) {
    // Not decoded: a tenant name is a DNS label, so an escaped one names no tenant (and a malformed
    // escape must not throw in the request handler, where nothing would catch it).
    const tenant = pathForm[1].toLowerCase();
    return { kind: 'tenant', tenant, path: (pathForm[2] ?? '/') + (pathForm[3] ?? ''), prefix: `/t/${tenant}` };
  }
  return CONTROL;
}

/** `<label>.<suffix>`: `admin` is the control host, a single label a tenant; anything else does not match. */
function routeOfHost(host: string, suffix: string, url: string): ResolvedRoute | undefined {
  const dot = host.length - suffix.length - 1;
  if (dot <= 0 || host.charCodeAt(dot) !== 0x2e || !host.endsWith(suffix)) return undefined;
  const label = host.slice(0, dot);
  if (label === 'admin') return CONTROL;
  return label.includes('.') ? undefined : { kind: 'tenant', tenant: label, path: url };
}
