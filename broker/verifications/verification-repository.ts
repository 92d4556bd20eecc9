import { sql } from 'kysely';
import type { Db, VerificationRow } from '../db/index.js';

/** Query code for `verifications`, their numbering and the latest-result pointers. */

/** A verification with the names and numbers its URLs and representation need. */
export interface VerificationDetails {
  id: number;
  number: number;
  success: boolean;
  executionDate: string;
  buildUrl: string | null;
  testResults: string | null;
  verifiedByImplementation: string | null;
  verifiedByVersion: string | null;
  verifiedByClientImplementation: string | null;
  verifiedByClientVersion: string | null;
  verifiedByClientTestFramework: string | null;
  consumerName: string;
  providerName: string;
  providerVersionNumber: string;
  providerVersionId: number;
  pactVersionId: number;
  sha: string;
}

function detailsQuery(db: Db) {
  return db
    .selectFrom('verifications as ver')
    .innerJoin('pacticipants as c', 'c.id', 'ver.consumer_id')
    .innerJoin('pacticipants as p', 'p.id', 'ver.provider_id')
    .innerJoin('versions as pv', 'pv.id', 'ver.provider_version_id')
    .innerJoin('pact_versions as pact', 'pact.id', 'ver.pact_version_id')
    .select([
      'ver.id as id',
      'ver.number as number',
      'ver.success as successFlag',
      'ver.execution_date as executionDate',
      'ver.build_url as buildUrl',
      'ver.test_results as testResults',
      'ver.verified_by_implementation as verifiedByImplementation',
      'ver.verified_by_version as verifiedByVersion',
      'ver.verified_by_client_implementation as verifiedByClientImplementation',
      'ver.verified_by_client_version as verifiedByClientVersion',
      'ver.verified_by_client_test_framework as verifiedByClientTestFramework',
      'c.name as consumerName',
      'p.name as providerName',
      'pv.number as providerVersionNumber',
      'pv.id as providerVersionId',
      'pact.id as pactVersionId',
      'pact.sha as sha',
    ]);
}

type DetailsRow = Omit<VerificationDetails, 'success'> & { successFlag: number };

function toDetails({ successFlag, ...row }: DetailsRow): VerificationDetails {
  return { ...row, success: successFlag === 1 };
}

/** Hands out the next number of the global sequence; the row lock makes simultaneous publications wait. */
export async function nextVerificationNumber(db: Db): Promise<number> {
  const row = await db
    .updateTable('verification_sequence_number')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

export type NewVerification = Omit<VerificationRow, 'id'>;

export async function insertVerification(db: Db, row: NewVerification): Promise<number> {
  const inserted = await db.insertInto('verifications').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Points (pact content, provider version) at its newest verification: the row the matrix joins. */
export async function upsertLatestVerificationId(db: Db, verificationId: number, row: NewVerification): Promise<void> {
  const pointer = { verification_id: verificationId, consumer_id: row.consumer_id, provider_id: row.provider_id, created_at: row.created_at };
  await db
    .insertInto('latest_verification_id_for_pact_version_and_provider_version')
    .values({ pact_version_id: row.pact_version_id, provider_version_id: row.provider_version_id, ...pointer })
    .onConflict((oc) => oc.columns(['pact_version_id', 'provider_version_id']).doUpdateSet(pointer))
    .execute();
}

/** Records a successful verification for each provider tag; the first per tag (and wip) is kept. */
export async function insertTagSuccesses(db: Db, verificationId: number, row: NewVerification, tagNames: readonly string[]): Promise<void> {
  if (tagNames.length === 0) return;
  await db
    .insertInto('pact_version_provider_tag_successful_verifications')
    .values(
      tagNames.map((tagName) => ({
        pact_version_id: row.pact_version_id,
        provider_version_tag_name: tagName,
        wip: row.wip,
        verification_id: verificationId,
        execution_date: row.execution_date,
      })),
    )
    .onConflict((oc) => oc.columns(['pact_version_id', 'provider_version_tag_name', 'wip']).doNothing())
    .execute();
}

/** Records a successful verification outside WIP once per branch of its provider version (team issue 13: what WIP pacts are judged by). */
export async function insertBranchSuccesses(db: Db, verificationId: number, row: NewVerification): Promise<void> {
  const branches = db
    .selectFrom('branch_versions as bv')
    .select([
      sql<number>`cast(${verificationId} as integer)`.as('verification_id'),
      'bv.id',
      'bv.pacticipant_id',
      'bv.branch_name',
      sql<number>`cast(${row.pact_version_id} as integer)`.as('pact_version_id'),
      sql<string>`cast(${row.execution_date} as text)`.as('execution_date'),
    ])
    .where('bv.version_id', '=', row.provider_version_id);
  await db
    .insertInto('pact_version_provider_branch_successful_verifications')
    .columns(['verification_id', 'branch_version_id', 'provider_id', 'branch_name', 'pact_version_id', 'execution_date'])
    .expression(branches)
    .execute();
}

export async function findVerificationById(db: Db, id: number): Promise<VerificationDetails | undefined> {
  const row = await detailsQuery(db).where('ver.id', '=', id).executeTakeFirst();
  return row && toDetails(row);
}

/** The verification with this number of the pact content, or, with number `latest`, its newest. */
export async function findVerificationOfPactVersion(db: Db, pactVersionId: number, number: number | 'latest'): Promise<VerificationDetails | undefined> {
  let query = detailsQuery(db).where('ver.pact_version_id', '=', pactVersionId);
  query = number === 'latest' ? query.orderBy('ver.id', 'desc').limit(1) : query.where('ver.number', '=', number);
  const row = await query.executeTakeFirst();
  return row && toDetails(row);
}

/** For each current pact of the consumer version, the newest verification of its content. */
export async function findLatestVerificationsOfConsumerVersion(db: Db, consumerVersionId: number): Promise<VerificationDetails[]> {
  const rows = await detailsQuery(db)
    .innerJoin('latest_pact_publication_ids_for_consumer_versions as lp', (join) =>
      join.onRef('lp.pact_version_id', '=', 'ver.pact_version_id').onRef('lp.provider_id', '=', 'ver.provider_id'),
    )
    .where('lp.consumer_version_id', '=', consumerVersionId)
    .where((eb) =>
      eb(
        'ver.id',
        '=',
        eb.selectFrom('verifications as newer').select((s) => s.fn.max('newer.id').as('max_id')).whereRef('newer.pact_version_id', '=', 'ver.pact_version_id'),
      ),
    )
    .execute();
  return rows.map(toDetails).sort((a, b) => a.providerName.toLowerCase().localeCompare(b.providerName.toLowerCase()));
}

/** Version numbers by id, for the ids that exist. */
export async function findVersionNumbers(db: Db, versionIds: readonly number[]): Promise<Map<number, string>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db.selectFrom('versions').select(['id', 'number']).where('id', 'in', versionIds).execute();
  return new Map(rows.map((row) => [row.id, row.number]));
}
