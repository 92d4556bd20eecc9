/** The matrix's face (team issue 16, item 2): its routes, the can-i-deploy summary, and the queries other folders read. */
export { summarizeDeploymentStatus } from './deployment-status.js';
export type { MatrixResult } from './deployment-status.js';
export type { MatrixQuery } from './matrix-query.js';
export { matrixRoutes } from './matrix-routes.js';
export type { MatrixRow } from './matrix-rows.js';
export { findMatrix } from './matrix-service.js';
export { findVersionFacts, findVersionsForCriteria } from './selector-repository.js';
export type { VersionCriteria, VersionFacts } from './selector-repository.js';
