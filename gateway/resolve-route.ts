/** Where a request goes, decided from its Host header and path alone (a pure function). */
export type ResolvedRoute =
  | { kind: 'control' }
  /** `prefix` is set for the path form (`/t/<tenant>/...`); `path` is what the tenant sees. */
  | { kind: 'tenant'; tenant: string; path: string; prefix?: string };

export interface RouteOptions {
  /** Tenants are `<tenant>.<domain>`; `localhost` always counts too. */
  domain: string;
}

const LOCALHOST_ONLY = ['.localhost'];
const PATH_FORM = /^\/t\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/;

/** The host name of a Host header, lowercased, without port, brackets or a trailing dot. */
export function hostNameOf(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/** Resolves `<tenant>.localhost`, `<tenant>.<domain>` and `/t/<tenant>/...`; anything else is the control plane. */
export function resolveRoute(hostHeader: string | undefined, url: string, options: RouteOptions): ResolvedRoute {
  const host = hostNameOf(hostHeader);
  for (const suffix of options.domain === 'localhost' ? LOCALHOST_ONLY : ['.localhost', `.${options.domain}`]) {
    if (host.endsWith(suffix)) {
      const label = host.slice(0, -suffix.length);
      if (label === 'admin') return { kind: 'control' };
      if (label.length > 0 && !label.includes('.')) return { kind: 'tenant', tenant: label, path: url };
    }
  }
  const pathForm = PATH_FORM.exec(url);
  if (pathForm?.[1]) {
    const tenant = decodeURIComponent(pathForm[1]).toLowerCase();
    return { kind: 'tenant', tenant, path: (pathForm[2] ?? '/') + (pathForm[3] ?? ''), prefix: `/t/${tenant}` };
  }
  return { kind: 'control' };
}
