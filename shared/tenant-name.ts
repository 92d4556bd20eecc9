/** Tenant names are DNS labels, because they become host names: `<tenant>.localhost`. */
export const MAX_TENANT_NAME_LENGTH = 40;

/** Names the platform keeps for itself (control hosts, path forms, well-known host names). */
export const RESERVED_TENANT_NAMES: ReadonlySet<string> = new Set([
  'admin', 'api', 'www', 'localhost', 't', 'app', 'dashboard', 'static', 'assets', 'metrics',
  'health', 'status', 'pactsafs', 'broker', 'gateway', 'control', 'internal', 'default', 'root',
  'mail', 'smtp', 'ftp', 'ns1', 'ns2', 'docker', 'host', 'local', 'test', 'example', 'invalid',
]);

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** RFC 5891 §4.2.3.1 keeps "??--" labels for encodings such as punycode's `xn--`. */
const RESERVED_LABEL_FORM = /^..--/;

/** Returns why `name` cannot be a tenant name, or `undefined` when it can. */
export function tenantNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) {
    return `A tenant needs a name: 1 to ${MAX_TENANT_NAME_LENGTH} lowercase letters, digits or hyphens, for example "acme".`;
  }
  if (name.length > MAX_TENANT_NAME_LENGTH) {
    return `The tenant name "${name}" is ${name.length} characters long; the limit is ${MAX_TENANT_NAME_LENGTH}.`;
  }
  if (!DNS_LABEL.test(name)) {
    if (/[A-Z]/.test(name) && DNS_LABEL.test(name.toLowerCase())) {
      return `The tenant name "${name}" has uppercase letters; use "${name.toLowerCase()}" instead.`;
    }
    if (name.startsWith('-') || name.endsWith('-')) {
      return `The tenant name "${name}" may not start or end with a hyphen.`;
    }
    return `The tenant name "${name}" may contain only lowercase letters, digits and hyphens (it becomes a host name).`;
  }
  if (RESERVED_LABEL_FORM.test(name)) {
    // Issue 11, defect 10: `xn--80ak6aa92e` shows as Cyrillic "аррӏе" in browsers, a look-alike of "apple".
    return (
      `The tenant name "${name}" has "--" as its third and fourth characters, the form DNS keeps for encoded ` +
      'international names (xn--…); such names can look like another name, so the platform refuses them.'
    );
  }
  if (RESERVED_TENANT_NAMES.has(name)) {
    return `The tenant name "${name}" is reserved by the platform; choose another name.`;
  }
  return undefined;
}

/** `/api/tenants/<name>` with the name encoded, so that no argument can reach another path. */
export function tenantApiPath(name: string, suffix = ''): string {
  return `/api/tenants/${encodeURIComponent(name)}${suffix}`;
}
