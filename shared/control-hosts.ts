import { hostNameOf } from './host-name.js';

/**
 * The host names the control plane answers on (issue 11, defect 2): the domain, `admin.<domain>`,
 * the loopback names, and the operator's extra names (`PACTSAFS_CONTROL_HOSTS`). Any other Host is
 * refused, so a DNS-rebinding page cannot reach `/api` under a name of its own.
 */
export function controlHostNames(domain: string, extra: readonly string[] = []): ReadonlySet<string> {
  return new Set(['localhost', '127.0.0.1', '::1', domain, `admin.${domain}`, 'admin.localhost', ...extra.map((host) => hostNameOf(host))]);
}
