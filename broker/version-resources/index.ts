/** Version, branch and tag resources' face (team issue 16, item 2): their routes. */
export { branchRoutes } from './branch-routes.js';
export { tagRoutes } from './tag-routes.js';
export { versionRoutes } from './version-routes.js';
