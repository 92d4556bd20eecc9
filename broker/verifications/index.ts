/** Verifications' face (team issue 16, item 2): routes, publishing, URLs, and the queries other folders read. */
export { CROSS_CONTRACT_VERIFIER } from './cross-contract-verifier.js';
export { findVerificationById, findVerificationOfPactVersion } from './verification-repository.js';
export { verificationRoutes } from './verification-routes.js';
export { publishVerification } from './verification-service.js';
export { verificationUrl } from './verification-urls.js';
