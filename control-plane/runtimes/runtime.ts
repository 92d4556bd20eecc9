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

/** What a runtime records on the tenant when it creates one (kept in the registry). */
export type RuntimeFacts = Partial<Pick<TenantRecord, 'databasePassword' | 'brokerImage' | 'node'>>;

/** What the platform wants, for runtimes that watch their tenants (restart what should run). */
export interface DesiredState {
  /** The tenant is recorded running and no operation on it is under way. */
  shouldRun(name: string): boolean;
  /** Records a tenant whose runtime objects vanished as failed, with the reason. */
  markGone(name: string, reason: string): Promise<void>;
  /** The tenants of a runtime with no operation under way (issue 12: the swarm reconciler plans over all of them). */
  tenants(kind: RuntimeKind): TenantRecord[];
  /** Records a tenant that failed for a passing reason (its node was down and is back) as running again. */
  markRecovered(name: string): Promise<void>;
}

/** What every tenant database offers a restore: a staging copy that replaces the live data in one atomic step. */
interface StagedRestore {
  /** Puts the staging data in place of the live data atomically; our broker serves them without a restart. */
  swapInStaging(): Promise<void>;
  /** Deletes the staging database after a failed restore; the live data were never touched. */
  discardStaging(): Promise<void>;
  /** Ends the platform's access once the backup or restore is over (issue 12: a platform in a container leaves the tenant's network again). */
  release?(): Promise<void>;
}

/** Our broker's database: backed up row by row, so SQLite and PostgreSQL backups are interchangeable. */
export interface RowsDatabase extends StagedRestore {
  flavour: 'pactsafs';
  /** A `PACT_BROKER_DATABASE_URL`-style address of the live database, reachable from the platform. */
  url: string;
  /** Makes an empty staging database; answers how to open it (PostgreSQL: a schema of the live database). */
  prepareStaging(): Promise<{ url: string; schema?: string }>;
}

/** The official image's database, whose schema only the Ruby broker knows: backed up as SQL. */
export interface SqlDumpDatabase extends StagedRestore {
  flavour: 'official';
  /** Writes `pg_dump`'s plain SQL of the live database (one consistent snapshot) to `output`. */
  dumpSql(output: NodeJS.WritableStream): Promise<void>;
  /** Makes an empty staging database. */
  prepareStaging(): Promise<void>;
  /** Runs plain SQL into the staging database, stopping at the first error. */
  loadSql(input: NodeJS.ReadableStream): Promise<void>;
}

/** A tenant's broker database, as backups and restores reach it. */
export type TenantDatabase = RowsDatabase | SqlDumpDatabase;

/** Issue 12, item 5: a data move's two halves, done with the backup code (the backup service provides them). */
export interface DataCopy {
  /** Backs up the tenant's data from its database as it is now. */
  backup(): Promise<void>;
  /** Restores that backup into the tenant's database (by then the new one), replacing what it holds. */
  restore(): Promise<void>;
  /** Called once the tenant serves from the new database: it may answer again while the old data are deleted. */
  switched(): void;
}

export interface LogOptions {
  role: 'broker' | 'db';
  follow: boolean;
  /** How many of the last lines to send first. */
  tail: number;
}

/** Runs tenants' brokers. One interface for every runtime (docs/architecture.md#the-parts). */
export interface TenantRuntime {
  readonly kind: RuntimeKind;
  /** Why a new tenant of this name cannot be made here (data of that name exist), or `undefined`. */
  leftoverData(name: string): Promise<string | undefined>;
  /** Makes a new tenant's storage and starts its broker; answers what to record on the tenant. */
  create(tenant: TenantRecord): Promise<RuntimeFacts | void>;
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
  /** The broker's (or database's) log as a text stream. */
  logs(name: string, options: LogOptions): Promise<NodeJS.ReadableStream>;
  /** The tenant's database, for backups and restores (its database must be up: a running tenant, or any embedded one). */
  database(tenant: TenantRecord): Promise<TenantDatabase>;
  /** Bytes the tenant's data take on disk, or `null` when that cannot be known now (a stopped docker tenant). */
  dataSize(tenant: TenantRecord): Promise<number | null>;
  /**
   * Tenants as the runtime's own engine records them (issue 12: for swarm the engine is the source
   * of truth): the platform rebuilds missing registry records from these at start-up.
   */
  discover?(): Promise<TenantRecord[]>;
  /** The node `node` (an id or host name) names, when the tenant's database may move there; throws a 400/409 sentence otherwise (issue 12: swarm). */
  moveTarget?(tenant: TenantRecord, node: string): Promise<string>;
  /** Moves the tenant's database to node `nodeId`: back up, a new database there, restore, switch; on failure it is back where it was. Answers what to record. */
  move?(tenant: TenantRecord, nodeId: string, copy: DataCopy): Promise<RuntimeFacts>;
  /** Replaces the broker's image without downtime (swarm: a start-first rolling update); answers once it serves. */
  upgrade?(tenant: TenantRecord, image: string): Promise<void>;
  /** Starts keeping tenants that should run running (runtimes whose tenants can stop behind our back). */
  watch?(desired: DesiredState): void;
  /**
   * Issue 13: puts an idle tenant's broker to sleep, where that differs from `stop` (swarm: 0
   * replicas labelled sleeping). Without it, `stop` is used; `start` wakes it either way.
   */
  sleep?(name: string): Promise<void>;
  /** Issue 13: webhook deliveries queued or waiting for a retry, which only a running broker makes: such a tenant stays awake. */
  undeliveredWebhooks?(tenant: TenantRecord): Promise<number>;
  /** Issue 13: its database stops while the tenant sleeps (docker), so a backup or restore wakes the tenant first. */
  readonly databaseSleepsWithBroker?: boolean;
  /** Stops every broker this process runs, without changing what the registry says (platform shutdown). */
  close(): Promise<void>;
}
