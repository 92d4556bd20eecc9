/** Badges' face (team issue 16, item 2): their routes and the pact status the UI shares. */
export { badgeRoutes } from './badge-routes.js';
export { pactStatus } from './badge-texts.js';
export type { PactStatus } from './badge-texts.js';
