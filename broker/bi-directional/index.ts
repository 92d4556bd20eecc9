/** Bi-directional contracts' face (team issue 16, item 2): provider contract routes, the cross-contract queue, the compared matrix, and the queries other folders read. */
export { findComparedMatrix } from './compared-matrix.js';
export type { Mismatch } from './cross-contract-comparator.js';
export { comparePublishedPacts, createCrossContractQueue } from './cross-contract-queue.js';
export type { CrossContractQueue } from './cross-contract-queue.js';
export { findComparisonsOfContract, findLatestContractVersions, findProviderContract } from './provider-contract-repository.js';
export type { ProviderContractRow } from './provider-contract-repository.js';
export { providerContractRoutes } from './provider-contract-routes.js';
