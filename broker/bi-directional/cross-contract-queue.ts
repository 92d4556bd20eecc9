import type { Logger } from '../../shared/logger.js';
import type { Db } from '../db/index.js';
import type { BrokerEvents } from '../events/index.js';
import type { PactRow } from '../pacts/index.js';
import { jobsForPacts, owedJobs, runComparison, type ComparisonJob, type CrossContractResult } from './cross-contract-service.js';

/** What a request learns of the comparisons it queued: those finished within the wait, and those still queued. */
export interface SubmittedComparisons {
  finished: CrossContractResult[];
  queued: ComparisonJob[];
}

export interface CrossContractQueue {
  /** Queues the comparisons behind those queued before, and waits for them at most the queue's wait. */
  submit(jobs: readonly ComparisonJob[], baseUrl: string): Promise<SubmittedComparisons>;
  /** Queues the asked pairs that have no result yet (comparisons a stopped broker left undone), found once those queued before have run. */
  recover(baseUrl: string): void;
  /** Runs no more comparisons (those left are found again at the next start) and waits for the one running. */
  stop(): Promise<void>;
}

export interface CrossContractQueueOptions {
  db: Db;
  /** Where the verification results comparisons record raise their events (team issue 16). */
  events: BrokerEvents;
  logger: Logger;
  clock: () => Date;
  /** How long a publishing request waits for its comparisons before answering that they are queued; Infinity: until they are done. */
  waitMs: number;
}

/**
 * Issue 15: comparisons run one at a time in the broker process, off the publishing request's
 * critical path when they are slow (a large document times many pacts); as webhook deliveries, nothing
 * is lost on restart: the pairs owed are found again from the database at start.
 */
export function createCrossContractQueue({ db, events, logger, clock, waitMs }: CrossContractQueueOptions): CrossContractQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const queued = new Map<string, Promise<CrossContractResult | undefined>>();

  const enqueue = (job: ComparisonJob, baseUrl: string): Promise<CrossContractResult | undefined> => {
    const key = `${job.pact.pactVersionId}/${job.providerVersionId}`;
    const twin = queued.get(key);
    if (twin && !job.recompare) return twin;
    const run = tail
      .then(() => (stopped ? undefined : runComparison(db, events, job, baseUrl, clock().toISOString())))
      .catch((error: unknown) => {
        logger.error('A cross-contract comparison failed', { consumerVersion: job.pact.consumerVersionNumber, pactVersionId: job.pact.pactVersionId, providerVersionId: job.providerVersionId, error });
        return undefined;
      });
    tail = run;
    queued.set(key, run);
    void run.then(() => queued.get(key) === run && queued.delete(key));
    return run;
  };

  return {
    async submit(jobs, baseUrl) {
      const runs = jobs.map((job) => {
        const state: { done: boolean; result?: CrossContractResult } = { done: false };
        const done = enqueue(job, baseUrl).then((result) => Object.assign(state, { done: true, result }));
        return { job, state, done };
      });
      await within(Promise.all(runs.map((run) => run.done)), waitMs);
      return {
        finished: runs.flatMap(({ state }) => (state.result ? [state.result] : [])),
        queued: runs.filter(({ state }) => !state.done).map(({ job }) => job),
      };
    },
    recover(baseUrl) {
      tail = tail
        .then(async () => {
          if (stopped) return;
          const jobs = await owedJobs(db);
          if (jobs.length > 0) logger.info('Cross-contract comparisons queued again', { count: jobs.length });
          for (const job of jobs) void enqueue(job, baseUrl);
        })
        .catch((error: unknown) => logger.error('Finding the cross-contract comparisons left undone failed', { error }));
    },
    async stop() {
      stopped = true;
      // What runs may queue more (recover does): wait until the tail stays put.
      for (let last: Promise<unknown> | undefined; last !== tail; ) {
        last = tail;
        await last;
      }
    },
  };
}

/** After pacts are published: queues their comparisons with their providers' contracts of asked versions, waiting as `submit` does. */
export async function comparePublishedPacts(db: Db, queue: CrossContractQueue, pacts: readonly PactRow[], baseUrl: string): Promise<void> {
  await queue.submit(await jobsForPacts(db, pacts), baseUrl);
}

/** Settles when the promise does or after `ms`, whichever comes first. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  if (ms === Infinity) {
    await promise;
    return;
  }
  // No wait at all: nothing queued can have run yet, so the answer says queued whatever the machine's speed.
  if (ms <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise, elapsed]).finally(() => clearTimeout(timer));
}
