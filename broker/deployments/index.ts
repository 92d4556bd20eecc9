/** Deployments and releases' face (team issue 16, item 2): their routes, tag deployments, and what a version's resources show of them. */
export { versionIdsCurrentlyIn } from './currently-in-environment.js';
export { deploymentRoutes } from './deployment-routes.js';
export { releaseRoutes } from './release-routes.js';
export { recordDeploymentForTag } from './tag-deployment.js';
export { findVersionDeployments, versionDeploymentLinks } from './version-deployment-links.js';
export type { VersionDeployments } from './version-deployment-links.js';
