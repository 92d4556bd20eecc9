/** The broker's basic auth (team issue 16, item 2): its middleware and the access each route needs. */
export { basicAuth, requiredAccess } from './basic-auth.js';
export type { BasicCredential } from './user-check.js';
