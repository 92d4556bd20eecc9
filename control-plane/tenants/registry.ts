import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { BasicAuthSettings } from '../../shared/broker-config.js';
import type { RuntimeKind } from '../../shared/config.js';
import { silentLogger, type Logger } from '../../shared/logger.js';
import type { StoredToken } from '../tokens/stored-token.js';
import { hashEmbeddedPasswords } from './tenant-auth.js';
import type { TenantState } from './tenant-states.js';
import type { WebhookSettings } from './webhook-settings.js';

/** What the platform remembers of a tenant. */
export interface TenantRecord {
  name: string;
  state: TenantState;
  runtime: RuntimeKind;
  createdAt: string;
  updatedAt: string;
  lastBackupAt: string | null;
  /** Why the tenant is `failed`; null otherwise. */
  reason: string | null;
  /** Where the tenant's broker may send webhooks. */
  webhooks?: WebhookSettings;
  /** The broker's request body limit (issue 11); none: the broker's default, 16 MiB. */
  maxBodyBytes?: number;
  /** The broker's basic auth; embedded tenants' passwords as scrypt hashes, docker tenants' as given (their containers need them); none: open. */
  basicAuth?: BasicAuthSettings;
  /** Created with `requireAuth` (issue 11): `basicAuth` holds credentials the platform generated for itself. */
  requireAuth?: boolean;
  /** CI tokens (issue 11): hashes, never the secrets. */
  tokens?: StoredToken[];
  /** Docker tenants: their postgres password, generated at creation (needed to recreate containers over the volume). */
  databasePassword?: string;
  /** Swarm tenants (issue 12): how many broker tasks serve it while it runs (default 1). */
  brokerReplicas?: number;
  /** Swarm tenants: the broker image, set at creation and by an upgrade. */
  brokerImage?: string;
  /** Swarm tenants: the id of the node its database (and volume) is pinned to. */
  node?: string;
  /** Issue 13: milliseconds without a request before it sleeps, 0 never; none: the platform's `PACTSAFS_IDLE_AFTER`. */
  idleAfterMs?: number;
}

interface RegistryFile {
  formatVersion: 1;
  tenants: TenantRecord[];
}

/** The tenant registry: a lowdb JSON file in the data dir, written atomically (temp file + rename). */
export class Registry {
  private readonly byName = new Map<string, TenantRecord>();

  private constructor(private readonly db: Low<RegistryFile>) {
    for (const tenant of db.data.tenants) this.byName.set(tenant.name, tenant);
  }

  /** Reads the registry; embedded tenants' plain passwords from earlier versions are stored as hashes from now on (issue 11). */
  static async open(dataDir: string, logger: Logger = silentLogger): Promise<Registry> {
    await mkdir(dataDir, { recursive: true });
    const db = new Low<RegistryFile>(new JSONFile(path.join(dataDir, 'registry.json')), { formatVersion: 1, tenants: [] });
    await db.read();
    const registry = new Registry(db);
    const hashed = [];
    for (const tenant of registry.all()) if (await hashEmbeddedPasswords(tenant)) hashed.push(tenant.name);
    if (hashed.length > 0) {
      await registry.write();
      logger.info("embedded tenants' basic-auth passwords are now stored as scrypt hashes", { tenants: hashed });
    }
    return registry;
  }

  all(): TenantRecord[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  find(name: string): TenantRecord | undefined {
    return this.byName.get(name);
  }

  /**
   * Inserts or replaces a record and writes the file. An embedded tenant's plain passwords are
   * replaced by hashes first, in the record itself: its broker is then given the hashes too.
   */
  async save(record: TenantRecord): Promise<void> {
    await hashEmbeddedPasswords(record);
    this.byName.set(record.name, record);
    await this.write();
  }

  async delete(name: string): Promise<void> {
    this.byName.delete(name);
    await this.write();
  }

  private async write(): Promise<void> {
    this.db.data = { formatVersion: 1, tenants: this.all() };
    await this.db.write();
  }
}
