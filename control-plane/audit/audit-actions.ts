/** The state-changing control-plane calls, named (issue 11); also backup downloads, which take a tenant's data away. */
const ACTIONS: ReadonlyArray<{ method: string; path: RegExp; withQuery?: string; action: string }> = [
  { method: 'POST', path: /^\/api\/tenants\/?$/, withQuery: 'restoreFrom', action: 'tenant.create-from-backup' },
  { method: 'POST', path: /^\/api\/tenants\/?$/, action: 'tenant.create' },
  { method: 'POST', path: /^\/api\/tenants\/([^/]+)\/stop$/, action: 'tenant.stop' },
  { method: 'POST', path: /^\/api\/tenants\/([^/]+)\/start$/, action: 'tenant.start' },
  { method: 'DELETE', path: /^\/api\/tenants\/([^/]+)$/, action: 'tenant.remove' },
  { method: 'PATCH', path: /^\/api\/tenants\/([^/]+)$/, action: 'tenant.configure' },
  { method: 'POST', path: /^\/api\/tenants\/([^/]+)\/restore$/, action: 'tenant.restore' },
  { method: 'POST', path: /^\/api\/tenants\/([^/]+)\/move$/, action: 'tenant.move' },
  { method: 'POST', path: /^\/api\/tenants\/([^/]+)\/clean$/, action: 'tenant.clean' },
  { method: 'GET', path: /^\/api\/tenants\/([^/]+)\/backup$/, action: 'tenant.backup' },
  { method: 'GET', path: /^\/api\/tenants\/([^/]+)\/backups\/[^/]+$/, action: 'tenant.backup-download' },
  { method: 'POST', path: /^\/api\/tenants\/([^/]+)\/tokens$/, action: 'token.create' },
  { method: 'DELETE', path: /^\/api\/tenants\/([^/]+)\/tokens\/[^/]+$/, action: 'token.revoke' },
];
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What an /api call does, for the audit log; `undefined` for reads. Changes not in the table are logged by method and path. */
export function auditedAction(method: string, path: string, query: URLSearchParams): { action: string; tenant: string | null } | undefined {
  const known = ACTIONS.find(
    (candidate) => candidate.method === method && candidate.path.test(path) && (candidate.withQuery === undefined || query.has(candidate.withQuery)),
  );
  if (known) {
    const tenant = known.path.exec(path)?.[1];
    // Not decoded: a tenant name is a DNS label, and a malformed escape must not throw here.
    return { action: known.action, tenant: tenant ?? null };
  }
  return READS.has(method) ? undefined : { action: `${method} ${path}`, tenant: null };
}
