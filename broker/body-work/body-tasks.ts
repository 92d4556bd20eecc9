import { prepareContracts, validatePublishContracts } from '../contracts/index.js';
import type { PublishPreparation } from '../contracts/index.js';
import { isObject, expectJsonObject, parseJsonBody } from '../http/index.js';
import { renderPact, type PactRendering, prepareDocument, type PreparedDocument, parsePactJson } from '../pacts/index.js';

/**
 * The costly part of the requests that carry pacts: from the body's bytes to what storing them takes
 * (parsing, checking, canonical JSON and hashing), and from a stored pact to its answer. Pure and
 * answering plain data, so that it runs in a worker thread and a big pact does not hold every
 * tenant's event loop (issue 11).
 */
export const bodyTasks = {
  /** `POST /contracts/publish`: the body checked as the Ruby broker does, its contracts prepared. */
  publishContracts(bytes: Uint8Array): PublishPreparation {
    const body = parseJsonBody(bytes, { emptyBody: {} });
    // A JSON array passes the parser but holds none of the required keys.
    const validation = validatePublishContracts(isObject(body) ? body : {});
    return validation.valid ? { valid: true, value: prepareContracts(validation.value) } : validation;
  },
  /** `PUT /pacts/provider/{p}/consumer/{c}/version/{v}`: the pact document prepared. */
  putPact(bytes: Uint8Array): PreparedDocument {
    return prepareDocument(expectJsonObject(parseJsonBody(bytes, { parse: parsePactJson })));
  },
  /** A pact's answer, as JSON text. */
  renderPact(rendering: PactRendering): string {
    return renderPact(rendering);
  },
};

export type BodyTaskName = keyof typeof bodyTasks;
export type BodyTaskInput<N extends BodyTaskName> = Parameters<(typeof bodyTasks)[N]>[0];
export type BodyTaskResult<N extends BodyTaskName> = ReturnType<(typeof bodyTasks)[N]>;
