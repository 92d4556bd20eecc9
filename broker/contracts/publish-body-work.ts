import type { ValidationErrors } from '../http/index.js';
import type { PreparedContracts } from './prepared-contracts.js';

/** A publish body checked as the Ruby broker does: its contracts prepared, or what is wrong with it. */
export type PublishPreparation = { valid: true; value: PreparedContracts } | { valid: false; errors: ValidationErrors };

/**
 * Where the publish route has its body checked and prepared, off the event loop (issue 11). Given by
 * app.ts (body-work/'s worker pool), so that contracts/ does not import body-work/, which runs
 * contracts/' preparation in its threads (team issue 16, structure item 2).
 */
export interface PublishBodyWork {
  run(task: 'publishContracts', input: Uint8Array): Promise<PublishPreparation>;
}
