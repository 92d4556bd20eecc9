/** Secrets' face (team issue 16, item 2): routes, and the values webhooks decrypt. */
export { SecretDecryptionError } from './secret-cipher.js';
export { secretRoutes } from './secret-routes.js';
export { secretValues } from './secret-service.js';
