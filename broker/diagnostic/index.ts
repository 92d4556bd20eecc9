/** The diagnostic face (team issue 16, item 2): its routes. */
export { diagnosticRoutes } from './diagnostic-routes.js';
