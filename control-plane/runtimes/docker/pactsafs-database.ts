import pg from 'pg';
import type { RowsDatabase } from '../runtime.js';

/** Schema a restore loads into, beside the live `public` one. */
const STAGING_SCHEMA = 'pactsafs_restore';
/** Where the replaced data sit for the moment between the swap and their deletion. */
const REPLACED_SCHEMA = 'pactsafs_replaced';

/**
 * The PostgreSQL database of a docker tenant on our broker image (flavour `pactsafs`; the official
 * image's is in official-database.ts). A restore loads a staging schema, then one transaction
 * renames `public` away and the staging schema to `public`: the broker's open connections see the
 * new tables with their next query, and a failure at any point leaves `public` as it was.
 */
export function pactsafsTenantDatabase(url: string, release?: () => Promise<void>): RowsDatabase {
  const run = (statements: string[]) => runStatements(url, statements);
  return {
    flavour: 'pactsafs',
    url,
    prepareStaging: async () => {
      await run([`drop schema if exists ${STAGING_SCHEMA} cascade`, `create schema ${STAGING_SCHEMA}`]);
      return { url, schema: STAGING_SCHEMA };
    },
    swapInStaging: () =>
      run([
        'begin',
        `drop schema if exists ${REPLACED_SCHEMA} cascade`,
        `alter schema public rename to ${REPLACED_SCHEMA}`,
        `alter schema ${STAGING_SCHEMA} rename to public`,
        'commit',
        `drop schema ${REPLACED_SCHEMA} cascade`,
      ]),
    discardStaging: () => run([`drop schema if exists ${STAGING_SCHEMA} cascade`]),
    release,
  };
}

/** One readiness attempt for `waitFor`: resolves once the database at `url` answers a query. */
export async function databaseAnswers(url: string): Promise<true> {
  await runStatements(url, ['select 1']);
  return true;
}

async function runStatements(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
