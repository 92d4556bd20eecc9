import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initialSchema } from './migrations/001-initial-schema.js';
import { environmentsSchema } from './migrations/002-environments.js';
import { verificationsSchema } from './migrations/003-verifications.js';
import { webhooksSchema } from './migrations/004-webhooks.js';

/** Every migration, in order. A static list: no filesystem globbing, so bundles and compiled builds keep them. */
const migrations: Record<string, Migration> = {
  '001-initial-schema': initialSchema,
  '002-environments': environmentsSchema,
  '003-verifications': verificationsSchema,
  '004-webhooks': webhooksSchema,
};

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name when one fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({ db, provider: staticProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
}
