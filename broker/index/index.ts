/** The API's index face (team issue 16, item 2): its routes. */
export { indexRoutes } from './index-routes.js';
