/** Integrations' face (team issue 16, item 2): their routes, and the writes publishing makes to them. */
export { touchIntegration, touchIntegrations } from './integration-repository.js';
export { integrationRoutes } from './integration-routes.js';
