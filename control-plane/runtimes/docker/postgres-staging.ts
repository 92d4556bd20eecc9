import pg from 'pg';
import type { BrokerFlavour, TenantDatabase } from '../runtime.js';

/** Schema a restore loads into, beside the live `public` one. */
const STAGING_SCHEMA = 'pactsafs_restore';
/** Where the replaced data sit for the moment between the swap and their deletion. */
const REPLACED_SCHEMA = 'pactsafs_replaced';

/**
 * A docker tenant's PostgreSQL database. A restore loads a staging schema, then one transaction
 * renames `public` away and the staging schema to `public`: the broker's open connections see the
 * new tables with their next query, and a failure at any point leaves `public` as it was.
 */
export function postgresTenantDatabase(url: string, flavour: BrokerFlavour): TenantDatabase {
  const run = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    flavour,
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
  };
}
