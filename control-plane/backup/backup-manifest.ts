import { BACKUP_TABLES, SCHEMA_VERSIONS, type BackupTable } from '../../broker/index.js';
import type { RuntimeKind } from '../../shared/config.js';
import { BadRequestError, InvalidBackupError } from '../../shared/errors.js';
import { MAX_TENANT_NAME_LENGTH, tenantNameProblem } from '../../shared/tenant-name.js';

export const BACKUP_FORMAT = 'pactsafs-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const CHECKSUMS_ENTRY = 'checksums.json';
/** The official image's database as `pg_dump` plain SQL (instead of data entries). */
export const SQL_ENTRY = 'database.sql';

/** Which broker's database the backup holds: ours (logical rows) or the official image's. */
export type BrokerFlavour = 'pactsafs' | 'official';

/** The first entry of every backup: what it holds and where it came from. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  tenant: string;
  runtime: RuntimeKind;
  broker: { flavour: BrokerFlavour; version: string };
  /**
   * Ours: the last broker migration applied (restores migrate the staging database to it, load,
   * then migrate on). Official: `null`, the Ruby broker migrates its own schema when it starts.
   */
  schemaVersion: string | null;
  createdAt: string;
  platformVersion: string;
  /** Rows per table (ours); empty for the official image's SQL dump. */
  counts: Partial<Record<BackupTable, number>>;
}

/** The last entry: size and SHA-256 of every other entry, so damage anywhere is found before the swap. */
export interface BackupChecksums {
  algorithm: 'sha256';
  entries: Record<string, { size: number; sha256: string }>;
}

const DATA_ENTRY = /^data\/([a-z_]+)\.(\d{6})\.ndjson$/;

/** The name of the `part`th chunk of a table's rows. */
export function dataEntryName(table: BackupTable, part: number): string {
  return `data/${table}.${String(part).padStart(6, '0')}.ndjson`;
}

/** The table a data entry holds, or `undefined` when the name is not a data entry. */
export function tableOfDataEntry(name: string): string | undefined {
  return DATA_ENTRY.exec(name)?.[1];
}

/** Checks a manifest's fields; any problem is an InvalidBackupError naming it. */
export function parseManifest(text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidBackupError('Its manifest.json is not valid JSON.');
  }
  const manifest = value as Partial<BackupManifest> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== BACKUP_FORMAT) {
    throw new InvalidBackupError(`Its manifest.json does not describe a Pact Broker SafS backup (format "${BACKUP_FORMAT}").`);
  }
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new InvalidBackupError(
      `It has backup format version ${JSON.stringify(manifest.formatVersion)}; this platform reads version ${BACKUP_FORMAT_VERSION}. ` +
        'Restore it with the platform version that made it, or a newer one.',
    );
  }
  // Issue 11: the name is shown and logged as where a restore came from. Cut first, so that a huge one is not echoed whole.
  const tenant = typeof manifest.tenant === 'string' ? manifest.tenant.slice(0, MAX_TENANT_NAME_LENGTH + 1) : manifest.tenant;
  const tenantProblem = tenantNameProblem(tenant);
  if (tenantProblem) throw new BadRequestError(`Its manifest.json does not name a valid tenant: ${tenantProblem}`);
  const flavour = manifest.broker?.flavour;
  if (flavour !== 'pactsafs' && flavour !== 'official') {
    throw new InvalidBackupError(`It holds the database of a broker of flavour ${JSON.stringify(flavour)}; this platform knows "pactsafs" and "official".`);
  }
  if (flavour === 'pactsafs' && (typeof manifest.schemaVersion !== 'string' || !SCHEMA_VERSIONS.includes(manifest.schemaVersion))) {
    throw new InvalidBackupError(
      `Its data have the schema version ${JSON.stringify(manifest.schemaVersion)}, which this platform does not know (its latest is ` +
        `${SCHEMA_VERSIONS.at(-1)}): it was made by a newer platform.`,
    );
  }
  const counts = manifest.counts as Record<string, unknown> | undefined;
  if (typeof counts !== 'object' || counts === null || !BACKUP_TABLES.every((table) => Number.isInteger(counts[table] ?? 0))) {
    throw new InvalidBackupError('Its manifest.json has no valid row counts.');
  }
  return manifest as BackupManifest;
}
