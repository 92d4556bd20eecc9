/** Environments' face (team issue 16, item 2): routes, decorator, URLs, and the queries other folders read. */
export { decorateEnvironment, environmentDisplayName } from './environment-decorator.js';
export { requireEnvironment } from './environment-lookup.js';
export { findEnvironmentById, findEnvironmentByName, findExistingEnvironmentNames, listEnvironments } from './environment-repository.js';
export { environmentRoutes } from './environment-routes.js';
export { currentlyDeployedVersionsUrl, currentlySupportedVersionsUrl, deployedVersionUrl, deployedVersionsForVersionUrl, environmentUrl, releasedVersionUrl, releasedVersionsForVersionUrl } from './environment-urls.js';
export type { VersionInEnvironment } from './environment-urls.js';
