/**
 * The control plane's REST API contract (team issue 16): every request and response body of `/api`,
 * named once. The routes answer these types, and the one client (`api-client.ts`), which the CLI and
 * the dashboard share, reads them. Types owned by a domain module are re-exported, not copied.
 */
import type { RuntimeKind } from '../../shared/config.js';
import type { TenantOperation, TenantState } from '../tenants/tenant-states.js';

export type { AuditEntry } from '../audit/audit-log.js';
export type { StoredBackup } from '../backup/backup-store.js';
export type { TenantCleanResult } from '../clean/clean-service.js';
export type { Orphan } from '../runtimes/runtime.js';
export type { TokenView } from '../tokens/stored-token.js';
export type { TenantUrls } from '../../shared/tenant-address.js';
import type { AuditEntry } from '../audit/audit-log.js';
import type { StoredBackup } from '../backup/backup-store.js';
import type { CleanPlanRequest } from '../clean/clean-request.js';
import type { TenantCleanResult } from '../clean/clean-service.js';
import type { Orphan } from '../runtimes/runtime.js';
import type { TokenScope, TokenView } from '../tokens/stored-token.js';
import type { TenantUrls } from '../../shared/tenant-address.js';

/** `GET /api/health`. */
export interface Health {
  status: 'ok';
  version: string;
  tenants: number;
  /** The runtimes the platform has: `docker` when its engine answered at start. */
  runtimes: RuntimeKind[];
  defaultRuntime: RuntimeKind;
  dataDir: string;
  /** Free bytes where the platform keeps its data, or null when it cannot tell. */
  dataDirFreeBytes: number | null;
}

/** `GET /` for API clients: the JSON index. */
export interface ApiIndex {
  name: string;
  version: string;
  tenants: Array<{ name: string; state: TenantState; url: string }>;
  _links: { tenants: { href: string }; health: { href: string } };
}


/** What a tenant shows of its broker's basic auth: never the passwords. */
export interface BasicAuthView {
  username: string;
  readOnlyUsername: string | null;
  allowPublicRead: boolean;
  publicHeartbeat: boolean;
}

/** The tenant resource: what every tenant call answers. */
export interface TenantResource {
  name: string;
  state: TenantState;
  runtime: RuntimeKind;
  url: string;
  urls: TenantUrls;
  createdAt: string;
  updatedAt: string;
  lastBackupAt: string | null;
  reason: string | null;
  webhookHostWhitelist: string[];
  webhookSchemeWhitelist: string[];
  maxBodyBytes: number;
  basicAuth: BasicAuthView | null;
  requireAuth: boolean;
  /** Its own idle time before it sleeps ("15m", "off"), or null for the platform's PACTSAFS_IDLE_AFTER. */
  idleAfter: string | null;
  /** Swarm tenants only (issue 12). */
  brokerReplicas?: number;
  brokerImage?: string | null;
  node?: string | null;
  /** Reads (list and show) only: the size of its data, null when unknown. */
  dataSizeBytes?: number | null;
  /** An operation under way on it (a move, a backup …). */
  operation?: TenantOperation;
}

/** `GET /api/tenants`. */
export interface TenantList {
  tenants: TenantResource[];
}

/** Which backup a restore put in place. */
export interface RestoredFrom {
  tenant: string;
  createdAt: string;
  counts: Record<string, number>;
}

/** `POST /api/tenants/<t>/restore` and `POST /api/tenants?restoreFrom=upload`. */
export type RestoredTenant = TenantResource & { restoredFrom: RestoredFrom };

/** `POST /api/tenants` (JSON); the service checks each field's value. */
export interface CreateTenantRequest {
  name: string;
  runtime?: string;
  webhookHostWhitelist?: string[];
  webhookSchemeWhitelist?: string[];
  basicAuth?: { username: string; password: string; readOnlyUsername?: string; readOnlyPassword?: string; allowPublicRead?: boolean; publicHeartbeat?: boolean };
  maxBodyBytes?: number;
  requireAuth?: boolean;
  brokerReplicas?: number;
  idleAfter?: string | null;
}

/** `PATCH /api/tenants/<t>`: settings that need no restart (issue 13). */
export interface ConfigureTenantRequest {
  idleAfter?: string | null;
}

/** `POST /api/tenants/<t>/upgrade` (swarm tenants, issue 12). */
export interface UpgradeRequest {
  image: string;
}

/** `POST /api/tenants/<t>/move` (swarm tenants, issue 12). */
export interface MoveRequest {
  node: string;
}

/** `GET /api/tenants/<t>/logs` query. */
export interface LogsQuery {
  tail?: number;
  follow?: boolean;
  role?: 'broker' | 'db';
}

/** `GET /api/tenants/<t>/backups`: the scheduled backups kept, newest first. */
export interface BackupList {
  backups: Array<StoredBackup & { href: string }>;
}

/** `POST /api/tenants/<t>/tokens`. */
export interface CreateTokenRequest {
  name: string;
  scope: TokenScope;
  expiresAt?: string | null;
}

/** `POST /api/tenants/<t>/tokens`'s answer: `token` is the only time the secret is shown. */
export type CreatedToken = TokenView & { token: string };

/** `GET /api/tenants/<t>/tokens`. */
export interface TokenList {
  tokens: TokenView[];
}

/** `POST /api/tenants/<t>/clean` (team issue 14); every field has the platform's default. */
export interface CleanRequest {
  dryRun?: boolean;
  keep?: CleanPlanRequest['keep'];
  keepBranches?: CleanPlanRequest['keepBranches'];
  deletionLimit?: number;
  overwrittenDataMaxAge?: number;
}

/** A dry run's answer: what a clean would delete. */
export type CleanPlan = Extract<TenantCleanResult, { dryRun: true }>;

/** `GET /api/audit`: a page, newest first; `next` is the path of the older page, or null. */
export interface AuditLogPage {
  entries: AuditEntry[];
  next: string | null;
}

/** `GET /api/orphans`. */
export interface OrphanList {
  orphans: Orphan[];
}
