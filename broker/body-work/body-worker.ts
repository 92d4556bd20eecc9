import { parentPort } from 'node:worker_threads';
import { HttpError } from '../http/index.js';
import { bodyTasks, type BodyTaskInput, type BodyTaskName } from './body-tasks.js';

/** A task sent to a body worker (each has one at a time), and its answer. */
export interface BodyTaskMessage<N extends BodyTaskName = BodyTaskName> {
  task: N;
  input: BodyTaskInput<N>;
}

export type BodyTaskAnswer =
  | { result: unknown }
  /** A client's error (400, …): rebuilt as an HttpError on the main thread. */
  | { httpError: Pick<HttpError, 'status' | 'payload' | 'headers'> }
  | { failure: { message: string; stack?: string } };

// The entry point of a body worker thread: runs each task it is sent.
parentPort?.on('message', ({ task, input }: BodyTaskMessage) => {
  parentPort!.postMessage(answer(() => (bodyTasks[task] as (input: unknown) => unknown)(input)));
});

function answer(run: () => unknown): BodyTaskAnswer {
  try {
    return { result: run() };
  } catch (error) {
    if (error instanceof HttpError) return { httpError: { status: error.status, payload: error.payload, headers: error.headers } };
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    return { failure: { message, stack } };
  }
}
