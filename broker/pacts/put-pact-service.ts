import { lockPacticipant } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import { HAL_JSON, HttpError, messageError, validationFailed, type ValidationErrors, isObject } from '../http/index.js';
import { touchIntegration } from '../integrations/index.js';
import { findOrCreatePacticipant, duplicateNameMessages } from '../pacticipants/index.js';
import { findTagNamesOfVersion, findOrCreateVersion, recordBranchHeadPacts } from '../versions/index.js';
import { preparePact, type PactJson, type PreparedPact } from './pact-content.js';
import { mergeConflict, mergedPact } from './pact-merger.js';
import { pactModificationNotAllowed } from './pact-messages.js';
import { findLatestPact, findLatestPactWithContent, type PactRowWithContent } from './pact-repository.js';
import { publishPact } from './pact-service.js';

/** A pact document sent to the PUT route, prepared (in a worker thread: issue 11), with the names it gives. */
export interface PreparedDocument {
  pact: PreparedPact;
  consumerName: unknown;
  providerName: unknown;
}

/** Prepares a pact document sent to the PUT route. */
export function prepareDocument(document: PactJson): PreparedDocument {
  const nameIn = (value: unknown) => (isObject(value) ? value.name : undefined);
  return { pact: preparePact(document), consumerName: nameIn(document.consumer), providerName: nameIn(document.provider) };
}

/** The names and version a pact URL identifies. */
export interface PactPathParams {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
}

/**
 * What a PUT does with a pact already published for the version: refuse changed content, or replace it
 * when the broker allows dangerous contract modification (team issue 14); what a PATCH does: merge into it.
 */
export type OnExistingPact = 'refuse-changes' | 'replace' | 'merge';

/**
 * The legacy `PUT /pacts/provider/{p}/consumer/{c}/version/{v}` (docs/broker-api.md#the-legacy-put-and-patch) and its `PATCH`
 * (RB api/resources/pact.rb, team issue 14), in one transaction: 400 when the names in the pact differ
 * from the path, 409 for a probable duplicate name, for changed content (PUT) or for an interaction
 * whose request the PATCH changes (RB Merger.conflict?: the Ruby broker's 409 has no body).
 */
export async function putPact(
  db: Db,
  events: BrokerEvents,
  params: PactPathParams,
  document: PreparedDocument,
  baseUrl: string,
  now: string,
  onExisting: OnExistingPact = 'refuse-changes',
): Promise<{ pact: PactRowWithContent; created: boolean }> {
  const nameErrors = nameMismatchErrors(params, document);
  if (Object.keys(nameErrors).length > 0) throw validationFailed(nameErrors);
  return db.transaction().execute(async (tx) => {
    await lockPacticipant(tx, params.consumerName);
    const duplicates = await duplicateNameMessages(tx, [params.consumerName, params.providerName], baseUrl);
    if (duplicates.length > 0) throw new HttpError(409, { kind: 'body', body: duplicates.join('\n'), contentType: 'text/plain' });
    const existing = await findLatestPact(tx, params);
    const pact = existing && onExisting === 'merge' ? await mergedWithStored(tx, params, document.pact) : document.pact;
    if (existing && existing.sha !== pact.sha && onExisting === 'refuse-changes') {
      const message = pactModificationNotAllowed(params.consumerName, params.consumerVersionNumber, params.providerName);
      throw messageError(409, message, 'Conflict', 'conflict');
    }
    const consumer = await findOrCreatePacticipant(tx, params.consumerName, now);
    const provider = await findOrCreatePacticipant(tx, params.providerName, now);
    const { version, created: versionIsNew } = await findOrCreateVersion(tx, consumer, params.consumerVersionNumber, now);
    const consumerVersionTags = versionIsNew ? [] : await findTagNamesOfVersion(tx, version.id);
    const published = await publishPact(tx, { consumer, provider, consumerVersion: version, pact, versionIsNew, consumerVersionTags }, now);
    // A version created here heads no branch yet.
    if (!versionIsNew) await recordBranchHeadPacts(tx, version.id);
    await touchIntegration(tx, consumer.id, provider.id, now);
    // Raised in this transaction: what listeners record is rolled back or committed with the pact.
    await events.pactPublished({ tx, pact: published.pact, events: published.events, consumerVersionTags, context: { baseUrl, now } });
    // The answer shows the pact as stored: content of the same SHA stored earlier may differ in its metadata.
    const stored = await findLatestPactWithContent(tx, { ...params, consumerVersionId: published.pact.consumerVersionId });
    if (!stored) throw new Error(`The pact just published for ${params.consumerName} version ${params.consumerVersionNumber} cannot be read back`);
    return { pact: stored, created: existing === undefined };
  });
}

async function mergedWithStored(db: Db, params: PactPathParams, sent: PreparedPact): Promise<PreparedPact> {
  const stored = await findLatestPactWithContent(db, params);
  if (!stored) throw new Error(`The pact of ${params.consumerName} version ${params.consumerVersionNumber} was there a moment ago`);
  if (mergeConflict(stored.content, sent.storedJson)) throw new HttpError(409, { kind: 'body', body: '', contentType: HAL_JSON });
  return mergedPact(stored.content, sent.storedJson);
}

function nameMismatchErrors(params: PactPathParams, document: PreparedDocument): ValidationErrors {
  const errors: ValidationErrors = {};
  const check = (role: 'consumer' | 'provider', nameInPath: string) => {
    const nameInPact = document[`${role}Name`];
    if (typeof nameInPact === 'string' && nameInPact.trim() !== '' && nameInPact !== nameInPath) {
      errors[`${role}.name`] = [`name in pact '${nameInPact}' does not match name in URL path '${nameInPath}'.`];
    }
  };
  check('consumer', params.consumerName);
  check('provider', params.providerName);
  return errors;
}
