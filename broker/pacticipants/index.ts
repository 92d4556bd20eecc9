/** Pacticipants' face (team issue 16, item 2): routes, lookups, the service, and the queries other folders read. */
export { generateDisplayName } from './display-name.js';
export { labelRoutes } from './label-routes.js';
export { findLatestVersion } from './latest-version-repository.js';
export { requireNamedPacticipant, requirePacticipant } from './pacticipant-lookup.js';
export { findOrCreatePacticipant, findPacticipantByName, findPacticipantsByNames } from './pacticipant-repository.js';
export { pacticipantRoutes } from './pacticipant-routes.js';
export { duplicateNameMessages, maybeSetMainBranch } from './pacticipant-service.js';
