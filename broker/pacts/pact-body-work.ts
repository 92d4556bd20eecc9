import type { PactRendering } from './pact-decorator.js';
import type { PreparedDocument } from './put-pact-service.js';

/**
 * Where the pact routes prepare a published document and render a pact's answer, off the event loop
 * (issue 11). Given by app.ts (body-work/'s worker pool), so that pacts/ does not import body-work/,
 * which runs pacts/' preparation in its threads (team issue 16, structure item 2).
 */
export interface PactBodyWork {
  run(task: 'putPact', input: Uint8Array): Promise<PreparedDocument>;
  run(task: 'renderPact', input: PactRendering): Promise<string>;
}
