import type { Db } from '../db/index.js';
import type { ReportedVerification } from './badge-texts.js';

/** Query code for the verification a pact badge reports (`verifications/repository.rb`). */

/** A verification with what the badge's comment names. */
export interface BadgeVerification extends ReportedVerification {
  number: number;
  providerVersionNumber: string;
}

/** One integration, and the consumer versions' tag when the badge names one. */
export interface BadgeIntegration {
  consumerId: number;
  providerId: number;
  consumerTag?: string;
}

function verificationQuery(db: Db) {
  return db
    .selectFrom('verifications as ver')
    .innerJoin('versions as pv', 'pv.id', 'ver.provider_version_id')
    .innerJoin('pact_versions as pact', 'pact.id', 'ver.pact_version_id')
    .innerJoin('latest_pact_publication_ids_for_consumer_versions as lp', 'lp.pact_version_id', 'ver.pact_version_id')
    .innerJoin('versions as cv', 'cv.id', 'lp.consumer_version_id')
    .select(['ver.number as number', 'ver.success as successFlag', 'ver.pact_pending as pendingFlag', 'pact.sha as sha', 'pv.number as providerVersionNumber']);
}

type Row = { number: number; successFlag: number; pendingFlag: number | null; sha: string; providerVersionNumber: string };

function toVerification({ successFlag, pendingFlag, ...row }: Row): BadgeVerification {
  return { ...row, success: successFlag === 1, pactPending: pendingFlag === 1 };
}

/**
 * The newest verification of the pact content of the newest consumer version (with the tag) whose
 * current pact was verified at all: it may be older content than the latest pact's.
 */
export async function findLatestVerificationOfIntegration(db: Db, { consumerId, providerId, consumerTag }: BadgeIntegration): Promise<BadgeVerification | undefined> {
  let query = verificationQuery(db).where('lp.consumer_id', '=', consumerId).where('lp.provider_id', '=', providerId);
  if (consumerTag !== undefined) {
    query = query.where((eb) => eb.exists(eb.selectFrom('tags as t').select('t.name').whereRef('t.version_id', '=', 'cv.id').where('t.name', '=', consumerTag)));
  }
  // One pact per consumer version: its highest-numbered verification is the newest of that content.
  const row = await query.orderBy('cv.order', 'desc').orderBy('ver.number', 'desc').limit(1).executeTakeFirst();
  return row && toVerification(row);
}

/**
 * The latest verification by a provider version with `providerTag` of a pact of a consumer version
 * with the integration's consumer tag: newest consumer version, then newest provider version.
 */
export async function findLatestVerificationForTags(
  db: Db,
  { consumerId, providerId, consumerTag }: BadgeIntegration & { consumerTag: string },
  providerTag: string,
): Promise<BadgeVerification | undefined> {
  const row = await verificationQuery(db)
    // Only the latest result of each provider version for the content.
    .innerJoin('latest_verification_id_for_pact_version_and_provider_version as lv', 'lv.verification_id', 'ver.id')
    .where('ver.consumer_id', '=', consumerId)
    .where('ver.provider_id', '=', providerId)
    .where((eb) =>
      eb.and([
        eb.exists(eb.selectFrom('tags as ct').select('ct.name').whereRef('ct.version_id', '=', 'cv.id').where('ct.name', '=', consumerTag)),
        eb.exists(eb.selectFrom('tags as pt').select('pt.name').whereRef('pt.version_id', '=', 'pv.id').where('pt.name', '=', providerTag)),
      ]),
    )
    .orderBy('cv.order', 'desc')
    .orderBy('pv.order', 'desc')
    .orderBy('ver.execution_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toVerification(row);
}
