import { parentPort } from 'node:worker_threads';
import { HttpError } from '../http/http-error.js';
import { bodyTasks, type BodyTaskName } from './body-tasks.js';

/** A task sent to a body worker, and its answer. */
export interface BodyTaskMessage {
  id: number;
  task: BodyTaskName;
  bytes: Uint8Array;
}

export type BodyTaskAnswer =
  | { id: number; result: unknown }
  /** A client's error (400, …): rebuilt as an HttpError on the main thread. */
  | { id: number; httpError: Pick<HttpError, 'status' | 'payload' | 'headers'> }
  | { id: number; failure: { message: string; stack?: string } };

// The entry point of a body worker thread: runs each task it is sent, one at a time.
parentPort?.on('message', ({ id, task, bytes }: BodyTaskMessage) => {
  parentPort!.postMessage(answer(id, () => bodyTasks[task](bytes)));
});

function answer(id: number, run: () => unknown): BodyTaskAnswer {
  try {
    return { id, result: run() };
  } catch (error) {
    if (error instanceof HttpError) return { id, httpError: { status: error.status, payload: error.payload, headers: error.headers } };
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return { id, failure: { message, stack } };
  }
}
