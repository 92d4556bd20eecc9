/**
 * Tenant addresses, built and parsed in one place (team issue 16): the host form
 * `http://<tenant>.<domain>:<port>` and the path form `http://<domain>:<port>/t/<tenant>`, which
 * the gateway routes, the control plane shows and the CLI turns into /etc/hosts lines.
 */

/** A tenant's two addresses, as the tenant resource shows them. */
export interface TenantUrls {
  /** `http://<tenant>.localhost:8080`: the primary address, for the pact CLI too (with an /etc/hosts line). */
  host: string;
  /** `http://localhost:8080/t/<tenant>`: for browsers, curl and clients that follow links. */
  path: string;
}

/** The path form's prefix, `/t/<tenant>`: what the gateway strips and tells the broker (X-Forwarded-Prefix). */
export function tenantPathPrefix(tenant: string): string {
  return `/t/${tenant}`;
}

/** `<tenant>.<host>`: the host form's host (with its port, if `host` has one). */
export function tenantHost(tenant: string, host: string): string {
  return `${tenant}.${host}`;
}

/** Both addresses of a tenant under an origin (`http:`, `localhost:8080`). */
export function tenantUrls(tenant: string, scheme: string, host: string): TenantUrls {
  return { host: `${scheme}//${tenantHost(tenant, host)}`, path: `${scheme}//${host}${tenantPathPrefix(tenant)}` };
}

const PATH_FORM = /^\/t\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/;

/** A path-form request target (`/t/acme/pacts?x`): the tenant (lowercased), the path it sees (`/pacts?x`) and the prefix; else undefined. */
export function parsePathForm(url: string): { tenant: string; path: string; prefix: string } | undefined {
  const pathForm = PATH_FORM.exec(url);
  if (!pathForm?.[1]) return undefined;
  // Not decoded: a tenant name is a DNS label, so an escaped one names no tenant (and a malformed
  // escape must not throw in the request handler, where nothing would catch it).
  const tenant = pathForm[1].toLowerCase();
  return { tenant, path: (pathForm[2] ?? '/') + (pathForm[3] ?? ''), prefix: tenantPathPrefix(tenant) };
}

/** The label of `<label>.<suffix>` (called on every request: no per-call strings but the label); else undefined. */
export function labelOfHost(host: string, suffix: string): string | undefined {
  const dot = host.length - suffix.length - 1;
  if (dot <= 0 || host.charCodeAt(dot) !== 0x2e || !host.endsWith(suffix)) return undefined;
  return host.slice(0, dot);
}

/** The control plane's host for a tenant's host-form host (`acme.localhost:8080` → `localhost:8080`); other hosts as they are. */
export function controlHostOf(tenant: string, host: string): string {
  const label = `${tenant}.`;
  return host.toLowerCase().startsWith(label) ? host.slice(label.length) : host;
}

/** The host name a tenant URL names (`http://acme.localhost:8080` → `acme.localhost`): what /etc/hosts must map. */
export function hostNameOfUrl(url: string): string {
  return new URL(url).hostname;
}

/** Where the platform publishes its tenants: its domain and port, or PACTSAFS_PUBLIC_URL (issue 11). */
export interface AddressConfig {
  domain: string;
  publicUrl: URL | undefined;
}

/**
 * The platform's tenant addresses: shown (`urlsFor`), used by brokers for their links (`baseUrlsFor`:
 * every way a client may reach the tenant) and by the heartbeat probe (`hostFor`). `port` is the
 * port the gateway bound, known only once it listens.
 */
export function tenantAddresses(config: AddressConfig, port: () => number) {
  const portSuffix = () => (port() === 80 ? '' : `:${port()}`);
  // Behind PACTSAFS_PUBLIC_URL (issue 11) tenants are linked under its origin, as the gateway's forwarded headers say.
  const urlsFor = (name: string): TenantUrls =>
    tenantUrls(name, config.publicUrl?.protocol ?? 'http:', config.publicUrl?.host ?? `${config.domain}${portSuffix()}`);
  return {
    urlsFor,
    hostFor: (name: string) => tenantHost(name, `${config.domain}${portSuffix()}`),
    // Links must work whichever way a client reaches the tenant: host form, and path form on each loopback name
    // (behind a public URL the gateway forwards only its origin).
    baseUrlsFor: (name: string): string[] => {
      const urls = urlsFor(name);
      if (config.publicUrl) return [urls.host, urls.path];
      const loopback = ['localhost', '127.0.0.1', '[::1]'].map((host) => tenantUrls(name, 'http:', `${host}${portSuffix()}`).path);
      return [...new Set([urls.host, urls.path, ...loopback])];
    },
  };
}
