/** The metrics' face (team issue 16, item 2): its routes. */
export { metricsRoutes } from './metrics-routes.js';
