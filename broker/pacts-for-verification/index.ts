/** Pacts for verification's face (team issue 16, item 2): its routes. */
export { pactsForVerificationRoutes } from './pacts-for-verification-routes.js';
