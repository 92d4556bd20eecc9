/** The relations' documentation face (team issue 16, item 2): its routes. */
export { docRoutes } from './doc-routes.js';
