import { sql } from 'kysely';
import { isPostgres, type Db } from './database.js';

/**
 * Makes transactions that publish for the same pacticipant run one after the other until commit, so
 * that two simultaneous publications cannot both read the same highest version order or pact revision.
 * SQLite needs nothing: its driver runs one transaction at a time on its single connection.
 * On PostgreSQL a transaction-scoped advisory lock works before the pacticipant's row exists; a hash
 * collision between two names only makes their publications wait for each other too.
 */
export async function lockPacticipant(tx: Db, pacticipantName: string): Promise<void> {
  if (!isPostgres(tx)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`pacticipant:${pacticipantName}`}))`.execute(tx);
}
