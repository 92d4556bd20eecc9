/** Provider states' face (team issue 16, item 2): its routes. */
export { providerStateRoutes } from './provider-states-routes.js';
