import type { RuntimeKind } from '../../shared/config.js';
import type { TenantRoute } from '../../shared/routing.js';
import type { TenantRecord } from '../tenants/registry.js';

/** Stored data of a tenant the registry does not know. Reported, never deleted silently. */
export interface Orphan {
  runtime: RuntimeKind;
  tenant: string;
  /** Where it lives: a folder, or container names. */
  location: string;
}

/** Runs tenants' brokers. One interface for every runtime (DESIGN.md "Runtimes"). */
export interface TenantRuntime {
  readonly kind: RuntimeKind;
  /** Why a new tenant of this name cannot be made here (data of that name exist), or `undefined`. */
  leftoverData(name: string): Promise<string | undefined>;
  /** Makes a new tenant's storage and starts its broker. */
  create(tenant: TenantRecord): Promise<void>;
  /** Starts the broker of an existing tenant over its existing data. */
  start(tenant: TenantRecord): Promise<void>;
  /** Stops the broker; its data stay. Safe to call when it is not running. */
  stop(name: string): Promise<void>;
  /** Stops the broker and deletes its data (unless `keepData`). */
  remove(name: string, options: { keepData: boolean }): Promise<void>;
  /** Where to send a running tenant's requests; `undefined` when its broker is not running here. */
  route(name: string): TenantRoute | undefined;
  /** Why a recorded tenant's data cannot serve (for example, its database is missing), or `undefined`. */
  inspect(tenant: TenantRecord): Promise<string | undefined>;
  /** Data of tenants not in `known`. */
  orphans(known: ReadonlySet<string>): Promise<Orphan[]>;
  /** Stops every broker this process runs, without changing what the registry says (platform shutdown). */
  close(): Promise<void>;
}
