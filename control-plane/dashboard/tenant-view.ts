import type { TenantResource } from '../api/contract.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { formatTimestamp } from '../../shared/format-time.js';

/** States in which an operation is under way: the pages refresh until it ends. */
const TRANSIENT_STATES: ReadonlySet<string> = new Set(['creating', 'removing']);

export function isTransient(tenant: TenantResource): boolean {
  return TRANSIENT_STATES.has(tenant.state);
}

/** What the dashboard shows where a value is unknown. */
export const UNKNOWN = '—';

/** `2026-11-23 13:30 UTC`, or a dash when there is no date. */
export function formatTime(iso: string | null | undefined): string {
  return formatTimestamp(iso) ?? UNKNOWN;
}

/** `12.3 MiB` (binary units), or a dash when the size is unknown. */
export function formatSize(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0 ? UNKNOWN : formatBytes(bytes);
}

/**
 * The official CLI's publish command for a tenant, with the checkout's example pact. The path form, as
 * README advises (team issue 16): the host form needs /etc/hosts lines, and the CLI waits about 64 s on
 * a name it cannot resolve before failing.
 */
export function publishCommand(tenant: TenantResource): string {
  const credentials = tenant.basicAuth
    ? ` --broker-username ${tenant.basicAuth.username} --broker-password "$PACT_BROKER_PASSWORD"`
    : tenant.requireAuth
      ? ' --broker-token "$PACT_BROKER_TOKEN"'
      : '';
  return `npx pact-broker publish examples/pacts --consumer-app-version 1.0.0 --branch main --broker-base-url ${tenant.urls.path}${credentials}`;
}

/** Who may do what on the tenant's broker, in one line. */
export function accessSummary(tenant: TenantResource): string {
  const auth = tenant.basicAuth;
  if (tenant.requireAuth) return 'tokens required: only requests with a token may read or publish; the heartbeat and badges are public';
  if (!auth) return 'open: anyone who reaches the platform may read and publish';
  const readers = auth.allowPublicRead ? 'anyone may read' : auth.readOnlyUsername ? `“${auth.readOnlyUsername}” may read` : 'only that user may read';
  return `basic auth: “${auth.username}” may publish, ${readers}${auth.publicHeartbeat ? ', the heartbeat is public' : ''}; badges are public`;
}
