import type { Logger } from '../../shared/logger.js';
import type { Db, TriggeredWebhookRow } from '../db/index.js';
import { pactQuery } from '../pacts/index.js';
import { findVerificationById } from '../verifications/index.js';
import { claim, findDue, findNextDueAt, finishWithoutExecution, recordAttempt, STATUS } from './triggered-webhook-repository.js';
import { executeRequest } from './webhook-execution.js';
import { findLastBranchName } from './webhook-pact-repository.js';
import { templateParameters } from './webhook-parameters.js';
import { findWebhook } from './webhook-service.js';
import type { WebhookSettings } from './webhook-settings.js';

/** The Ruby broker's `webhook_retry_schedule`, in seconds: six retries after the first attempt. */
export const DEFAULT_RETRY_SCHEDULE_SECONDS: readonly number[] = [10, 60, 120, 300, 600, 1200];

export interface WebhookWorkerOptions {
  db: Db;
  settings: WebhookSettings;
  logger: Logger;
  clock: () => Date;
  /** Seconds to wait before each retry; its length is the number of retries. */
  retrySchedule: readonly number[];
  /**
   * The longest the worker sleeps when nothing it knows of is due: it finds rows another broker sharing
   * the database queued, or a lease a dead broker left. Due rows and retries it learns of by itself.
   */
  pollIntervalMs: number;
  /** Deliveries in flight at once, per broker. */
  maxConcurrent: number;
}

export interface WebhookWorker {
  /** Polls now (after the commit of a write that queued deliveries) instead of when the next row is due. */
  wake(): void;
  /** Stops polling and waits for deliveries in flight (each bounded by the delivery timeout); safe to call twice. */
  stop(): Promise<void>;
}

/** Extra lease beyond the delivery timeout before another broker may take over a claimed row. */
const LEASE_MARGIN_MS = 60_000;
/** After a failed poll (the database unreachable): the next try, however long the poll interval. */
const RETRY_FAILED_POLL_MS = 1000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Delivers the durable queue in `triggered_webhooks` (RB `webhooks/job.rb`): polls due rows, claims each
 * with a guarded update (safe with several brokers on one database), delivers, records one execution
 * per attempt, and reschedules failures by the retry schedule. Rows queued before a restart are due at once.
 * Between polls it sleeps until the earliest row is due (a retry, a lease's end), woken by the commits
 * of writes that queued deliveries and by its own finished deliveries, at most `pollIntervalMs`: an idle
 * broker costs no query a second (team issue 13, density: 1,000 idle tenants polling every second took
 * a fifth of a core), and a write queuing nothing costs it nothing.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, logger, clock, pollIntervalMs, maxConcurrent } = options;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();

  const sleep = (ms: number) => {
    // One timer at a time, however many polls (timer or wake) have just finished.
    clearTimeout(timer);
    if (stopped) return;
    // Through wake: a poll never overlaps another one.
    timer = setTimeout(wake, Math.min(ms, pollIntervalMs, MAX_TIMER_MS));
    // Never what keeps the process alive: the HTTP server is.
    timer.unref();
  };

  /** Claims and starts what is due; answers how long to sleep before the next poll. */
  async function poll(): Promise<number> {
    try {
      const free = maxConcurrent - inFlight.size;
      // Full: a delivery that ends wakes the worker.
      if (free <= 0) return pollIntervalMs;
      const now = clock();
      const due = await findDue(db, now.toISOString(), free);
      const leaseUntil = new Date(now.getTime() + options.settings.deliveryTimeoutMs + LEASE_MARGIN_MS).toISOString();
      for (const row of due) {
        if (stopped) return pollIntervalMs;
        if (!(await claim(db, row, leaseUntil, now.toISOString()))) continue;
        const delivery = attempt(options, { ...row, attempts: row.attempts + 1 }).finally(() => {
          inFlight.delete(delivery);
          // Its retry, if any, is now scheduled; a slot is free for rows left due.
          wake();
        });
        inFlight.add(delivery);
      }
      if (inFlight.size >= maxConcurrent) return pollIntervalMs;
      const next = await findNextDueAt(db);
      return next === undefined ? pollIntervalMs : Math.max(0, Date.parse(next) - clock().getTime());
    } catch (error) {
      if (!stopped) logger.error('Polling the webhook queue failed', { error });
      return RETRY_FAILED_POLL_MS;
    }
  }

  let pollQueued = false;
  function wake() {
    // A burst of writes queues one poll behind the running one, not one each.
    if (stopped || pollQueued) return;
    clearTimeout(timer);
    pollQueued = true;
    polling = polling
      .then(() => {
        pollQueued = false;
        return poll();
      })
      .then(sleep);
  }

  polling = poll().then(sleep);
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** One attempt of a claimed row (its `attempts` already counts it); errors are logged, the lease then retries it. */
async function attempt(options: WebhookWorkerOptions, row: TriggeredWebhookRow): Promise<void> {
  const { db, logger, clock, retrySchedule } = options;
  const fields = { triggeredWebhook: row.uuid, webhook: row.webhook_uuid, eventName: row.event_name, attempt: row.attempts };
  try {
    const webhook = await findWebhook(db, row.webhook_uuid);
    if (!webhook || row.webhook_id === null) {
      logger.info('Webhook deleted before it could run', fields);
      await finishWithoutExecution(db, row.id, STATUS.failure, clock().toISOString());
      return;
    }
    const eventContext = JSON.parse(row.event_context ?? '{}') as Record<string, unknown>;
    const baseUrl = typeof eventContext.base_url === 'string' ? eventContext.base_url : '';
    const parameters = await parametersFor(db, row, eventContext, baseUrl);
    const retryIn = retrySchedule[row.attempts - 1];
    const result = await executeRequest(webhook.request, parameters, { db, settings: options.settings, baseUrl, clock }, {
      uuid: webhook.uuid,
      eventContext,
      successMessage: 'Successfully executed webhook',
      failureMessage: retryIn === undefined ? `Webhook execution failed after ${retrySchedule.length + 1} attempts` : `Retrying webhook in ${retryIn} seconds`,
    });
    const now = clock();
    const status = result.success ? STATUS.success : retryIn === undefined ? STATUS.failure : STATUS.retrying;
    const nextAttemptAt = status === STATUS.retrying ? new Date(now.getTime() + (retryIn ?? 0) * 1000).toISOString() : null;
    await recordAttempt(db, row.id, { success: result.success, logs: result.logs, status, nextAttemptAt }, now.toISOString());
    logger.info('Webhook executed', { ...fields, success: result.success, status: result.response?.status, nextStatus: status });
  } catch (error) {
    logger.error('Executing a triggered webhook failed', { ...fields, error });
  }
}

async function parametersFor(db: Db, row: TriggeredWebhookRow, eventContext: Record<string, unknown>, baseUrl: string) {
  const pact = row.pact_publication_id === null ? undefined : await pactQuery(db, 'all').where('pp.id', '=', row.pact_publication_id).executeTakeFirst();
  if (!pact) throw new Error(`The pact publication of triggered webhook ${row.uuid} no longer exists`);
  const verification = row.verification_id === null ? undefined : await findVerificationById(db, row.verification_id);
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const parameters = templateParameters(
    baseUrl,
    {
      consumerName: pact.consumerName,
      providerName: pact.providerName,
      consumerVersionNumber: pact.consumerVersionNumber,
      consumerVersionTags: strings(eventContext.consumer_version_tags),
      consumerVersionBranch: await findLastBranchName(db, pact.consumerVersionId),
      sha: pact.sha,
    },
    verification && { number: verification.number, success: verification.success, providerVersionNumber: verification.providerVersionNumber },
    row.event_name,
  );
  parameters['pactbroker.providerVersionTags'] = strings(eventContext.provider_version_tags).join(', ');
  if (verification) parameters['pactbroker.providerVersionBranch'] = (await findLastBranchName(db, verification.providerVersionId)) ?? '';
  if (typeof eventContext.build_url === 'string') parameters['pactbroker.buildUrl'] = eventContext.build_url;
  return parameters;
}
