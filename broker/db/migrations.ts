import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initialSchema } from './migrations/001-initial-schema.js';
import { environmentsSchema } from './migrations/002-environments.js';
import { verificationsSchema } from './migrations/003-verifications.js';
import { webhooksSchema } from './migrations/004-webhooks.js';
import { historyIndexesSchema } from './migrations/005-history-indexes.js';
import { secretsSchema } from './migrations/006-secrets.js';
import { labelsSchema } from './migrations/007-labels.js';
import { globalVersionOrderSchema } from './migrations/008-global-version-order.js';
import { providerContractsSchema } from './migrations/009-provider-contracts.js';
import { cleanIndexesSchema } from './migrations/010-clean-indexes.js';
import { wipIndexesSchema } from './migrations/011-wip-indexes.js';
import { wipTablesSchema } from './migrations/012-wip-tables.js';
import { branchHeadPactDatesSchema } from './migrations/013-branch-head-pact-dates.js';

/** Every migration, in order. A static list: no filesystem globbing, so bundles and compiled builds keep them. */
const migrations: Record<string, Migration> = {
  '001-initial-schema': initialSchema,
  '002-environments': environmentsSchema,
  '003-verifications': verificationsSchema,
  '004-webhooks': webhooksSchema,
  '005-history-indexes': historyIndexesSchema,
  '006-secrets': secretsSchema,
  '007-labels': labelsSchema,
  '008-global-version-order': globalVersionOrderSchema,
  '009-provider-contracts': providerContractsSchema,
  '010-clean-indexes': cleanIndexesSchema,
  '011-wip-indexes': wipIndexesSchema,
  '012-wip-tables': wipTablesSchema,
  '013-branch-head-pact-dates': branchHeadPactDatesSchema,
};

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

/** The migrations' names, oldest first; the last is the schema version a backup records. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

/** Brings the schema up to date; throws with the failing migration's name when one fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  await migrateUpTo(db, undefined);
}

/**
 * Brings the schema up to the named migration (a backup's schema version), or to the latest when
 * `undefined`. `schema`: PostgreSQL's schema to migrate when it is not `public` (a restore's staging
 * schema; the migrator would otherwise find `public`'s bookkeeping tables and skip its own).
 */
export async function migrateUpTo<DB>(db: Kysely<DB>, name: string | undefined, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: staticProvider, migrationTableSchema: schema });
  const { error, results } = name === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(name);
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
}
