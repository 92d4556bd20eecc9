import { randomUUID } from 'node:crypto';
import type { Db, TriggeredWebhookRow } from '../db/index.js';

/** Query code for the delivery queue: `triggered_webhooks` and their `webhook_executions`. */

/** Statuses (RB `TriggeredWebhook::STATUS_*`); a row is due while not_run or retrying. */
export const STATUS = { notRun: 'not_run', retrying: 'retrying', success: 'success', failure: 'failure' } as const;

/**
 * The webhook ids (with uuid and description) that each of these events between these pacticipants
 * triggers, in one statement for all of a write's events (team issue 13: one round trip, not one per event).
 */
export async function findWebhooksToTrigger(db: Db, consumerId: number, providerId: number, eventNames: readonly string[]) {
  return db
    .selectFrom('webhooks as w')
    .innerJoin('webhook_events as e', 'e.webhook_id', 'w.id')
    .select(['w.id', 'w.uuid', 'w.description', 'e.name as eventName'])
    .where('w.enabled', '=', 1)
    .where('e.name', 'in', eventNames)
    // Each side: the pacticipant by id, one of its labels (issue 14), or any (RB `Webhook.find_by_consumer_and_or_provider`).
    .where((eb) =>
      eb.or([
        eb('w.consumer_id', '=', consumerId),
        eb.and([eb('w.consumer_id', 'is', null), eb('w.consumer_label', 'is', null)]),
        eb('w.consumer_label', 'in', eb.selectFrom('labels').select('name').where('pacticipant_id', '=', consumerId)),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('w.provider_id', '=', providerId),
        eb.and([eb('w.provider_id', 'is', null), eb('w.provider_label', 'is', null)]),
        eb('w.provider_label', 'in', eb.selectFrom('labels').select('name').where('pacticipant_id', '=', providerId)),
      ]),
    )
    .orderBy('w.id')
    .execute();
}

export interface NewTriggeredWebhook {
  webhookId: number;
  webhookUuid: string;
  pactPublicationId: number;
  verificationId: number | null;
  consumerId: number;
  providerId: number;
  eventName: string;
  eventContext: Record<string, unknown>;
  nextAttemptAt: string;
}

/** Queues one delivery (status not_run); returns its uuid. */
export async function insertTriggeredWebhook(db: Db, row: NewTriggeredWebhook, now: string): Promise<string> {
  const uuid = randomUUID();
  await db
    .insertInto('triggered_webhooks')
    .values({
      uuid,
      trigger_uuid: randomUUID(),
      trigger_type: 'resource_creation',
      pact_publication_id: row.pactPublicationId,
      verification_id: row.verificationId,
      webhook_id: row.webhookId,
      webhook_uuid: row.webhookUuid,
      consumer_id: row.consumerId,
      provider_id: row.providerId,
      status: STATUS.notRun,
      event_name: row.eventName,
      event_context: JSON.stringify(row.eventContext),
      attempts: 0,
      next_attempt_at: row.nextAttemptAt,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return uuid;
}

/** Up to `limit` rows due at `now`, oldest due first. */
export async function findDue(db: Db, now: string, limit: number): Promise<TriggeredWebhookRow[]> {
  return db
    .selectFrom('triggered_webhooks')
    .selectAll()
    .where('status', 'in', [STATUS.notRun, STATUS.retrying])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** When the earliest row still to be delivered is due (a claimed row's at its lease's end), or undefined if none is. */
export async function findNextDueAt(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('triggered_webhooks')
    .select('next_attempt_at')
    .where('status', 'in', [STATUS.notRun, STATUS.retrying])
    .where('next_attempt_at', 'is not', null)
    .orderBy('next_attempt_at')
    .limit(1)
    .executeTakeFirst();
  return row?.next_attempt_at ?? undefined;
}

/** How many deliveries are still to be made: queued, or failed with a retry scheduled (issue 13: such a broker must not sleep). */
export async function countUndelivered(db: Db): Promise<number> {
  const row = await db
    .selectFrom('triggered_webhooks')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('status', 'in', [STATUS.notRun, STATUS.retrying])
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Claims a due row for one attempt: counts the attempt and moves its due time to the end of a lease,
 * guarded by the status and attempt count read, so that of two brokers sharing the database only one
 * wins. A broker that dies mid-delivery leaves the row due again once the lease ends (at least once).
 */
export async function claim(db: Db, row: TriggeredWebhookRow, leaseUntil: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('triggered_webhooks')
    .set({ attempts: row.attempts + 1, next_attempt_at: leaseUntil, updated_at: now })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where('attempts', '=', row.attempts)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records an attempt's execution and the row's next status, in one transaction. */
export async function recordAttempt(
  db: Db,
  id: number,
  attempt: { success: boolean; logs: string; status: string; nextAttemptAt: string | null },
  now: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('webhook_executions').values({ triggered_webhook_id: id, success: attempt.success ? 1 : 0, logs: attempt.logs, created_at: now }).execute();
    await tx.updateTable('triggered_webhooks').set({ status: attempt.status, next_attempt_at: attempt.nextAttemptAt, updated_at: now }).where('id', '=', id).execute();
  });
}

export async function findTriggeredWebhook(db: Db, uuid: string) {
  return db
    .selectFrom('triggered_webhooks as tw')
    .innerJoin('pacticipants as c', 'c.id', 'tw.consumer_id')
    .innerJoin('pacticipants as p', 'p.id', 'tw.provider_id')
    .leftJoin('webhooks as w', 'w.id', 'tw.webhook_id')
    .selectAll('tw')
    .select(['c.name as consumer_name', 'p.name as provider_name', 'w.uuid as current_webhook_uuid'])
    .where('tw.uuid', '=', uuid)
    .executeTakeFirst();
}

export async function findExecutions(db: Db, triggeredWebhookId: number) {
  return db.selectFrom('webhook_executions').selectAll().where('triggered_webhook_id', '=', triggeredWebhookId).orderBy('id').execute();
}

/** Ends a row without an execution (its webhook was deleted meanwhile). */
export async function finishWithoutExecution(db: Db, id: number, status: string, now: string): Promise<void> {
  await db.updateTable('triggered_webhooks').set({ status, next_attempt_at: null, updated_at: now }).where('id', '=', id).execute();
}

/**
 * The latest triggered webhook of each webhook and event between the two pacticipants, oldest first,
 * those of deleted webhooks left out (RB `TriggeredWebhook.latest_triggered_webhooks`), with their
 * webhook's request, the count of executions and the consumer version of the pact that triggered it.
 */
export async function findLatestTriggeredWebhooks(db: Db, consumerId: number, providerId: number) {
  return db
    .selectFrom('triggered_webhooks as tw')
    .innerJoin('webhooks as w', 'w.id', 'tw.webhook_id')
    .leftJoin('pact_publications as pp', 'pp.id', 'tw.pact_publication_id')
    .leftJoin('versions as cv', 'cv.id', 'pp.consumer_version_id')
    .selectAll('tw')
    .select((eb) => [
      'w.method as request_method',
      'w.url as request_url',
      'cv.number as consumer_version_number',
      eb.selectFrom('webhook_executions as e').select((s) => s.fn.countAll<number | string>().as('n')).whereRef('e.triggered_webhook_id', '=', 'tw.id').as('executions'),
    ])
    .where('tw.id', 'in', (eb) =>
      eb
        .selectFrom('triggered_webhooks as l')
        .select((s) => s.fn.max('l.id').as('id'))
        .where('l.consumer_id', '=', consumerId)
        .where('l.provider_id', '=', providerId)
        .where('l.webhook_id', 'is not', null)
        .groupBy(['l.webhook_uuid', 'l.event_name']),
    )
    .orderBy('tw.id')
    .execute();
}
