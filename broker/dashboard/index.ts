/** The dashboard's face (team issue 16, item 2): its routes. */
export { dashboardRoutes } from './dashboard-routes.js';
export { pactWebhooksStatusRoutes } from './pact-webhooks-status-routes.js';
