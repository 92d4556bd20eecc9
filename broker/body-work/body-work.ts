import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/index.js';
import { bodyTasks, type BodyTaskInput, type BodyTaskName, type BodyTaskResult } from './body-tasks.js';
import type { BodyTaskAnswer, BodyTaskMessage } from './body-worker.js';

/** Runs {@link bodyTasks}: in worker threads ({@link createBodyWorkerPool}) or on the calling thread ({@link INLINE_BODY_WORK}). */
export interface BodyWork {
  /** The task's result; its errors as thrown by the task (an HttpError for a client's mistake). */
  run<N extends BodyTaskName>(task: N, input: BodyTaskInput<N>): Promise<BodyTaskResult<N>>;
  close(): Promise<void>;
}

/** On the calling thread: for apps built without a pool (tests of single routes). */
export const INLINE_BODY_WORK: BodyWork = {
  run: async (task, input) => (bodyTasks[task] as (input: unknown) => unknown)(input) as BodyTaskResult<typeof task>,
  close: async () => {},
};

interface Pending {
  message: BodyTaskMessage;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A few worker threads (started on first use, one task each at a time, the rest queued) shared by
 * the brokers of a process, so that parsing and hashing a big pact does not stall other tenants'
 * requests (issue 11: a 16 MiB publish held the event loop about 2 s).
 */
export function createBodyWorkerPool(size = Math.max(1, Math.min(2, os.availableParallelism() - 1))): BodyWork {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  let started = 0;

  const dispatch = () => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (started < size ? startWorker() : undefined);
      if (!worker) return;
      const pending = queue.shift()!;
      busy.set(worker, pending);
      // A body's bytes move to the worker rather than being copied.
      const { input } = pending.message;
      worker.postMessage(pending.message, input instanceof Uint8Array ? [input.buffer as ArrayBuffer] : []);
    }
  };

  const startWorker = (): Worker => {
    started++;
    const worker = bodyWorker();
    worker.unref(); // an idle pool does not keep the process alive
    worker.on('message', (answer: BodyTaskAnswer) => {
      const pending = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (pending) settle(pending, answer);
      dispatch();
    });
    // A worker that dies fails its task; a new one takes its place for the next.
    worker.on('error', (error) => {
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      started--;
      dispatch();
    });
    return worker;
  };

  return {
    run: (task, input) =>
      new Promise((resolve, reject) => {
        queue.push({ message: { task, input }, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      }),
    close: async () => {
      const workers = [...idle, ...busy.keys()];
      const unfinished = [...queue.splice(0), ...busy.values()];
      idle.length = 0;
      busy.clear();
      for (const pending of unfinished) pending.reject(new Error('The broker closed before the request body was processed.'));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

function settle(pending: Pending, answer: BodyTaskAnswer): void {
  if ('result' in answer) pending.resolve(answer.result);
  else if ('httpError' in answer) pending.reject(new HttpError(answer.httpError.status, answer.httpError.payload, answer.httpError.headers));
  else pending.reject(Object.assign(new Error(answer.failure.message), { stack: answer.failure.stack }));
}

/**
 * A body worker thread. From the TypeScript sources (tsx, vitest) the thread registers tsx itself:
 * Node 20 does not pass the parent's module hooks on to worker threads.
 */
function bodyWorker(): Worker {
  const entry = new URL(`./body-worker${path.extname(new URL(import.meta.url).pathname)}`, import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true });
}
