/** The threads that parse and prepare request bodies (team issue 16, item 2). */
export { INLINE_BODY_WORK, createBodyWorkerPool } from './body-work.js';
export type { BodyWork } from './body-work.js';
