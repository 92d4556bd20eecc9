/** Versions, branches and tags' face (team issue 16, item 2): services, decorators, and the queries other folders read. */
export { decorateBranch, decorateBranchVersion, decorateBranches } from './branch-decorator.js';
export { deleteBranch, findBranch, findBranchIdsHeadedBy, findBranchVersion, findBranchVersionsOfVersion, listBranches, recordBranchHeadPacts } from './branch-repository.js';
export type { BranchVersionOfVersion } from './branch-repository.js';
export { addVersionToBranch, removeVersionFromBranch, repairBranchHeads } from './branch-service.js';
export { decorateTag } from './tag-decorator.js';
export { deleteTag, findTag, findTagNamesOfVersion, getTag } from './tag-repository.js';
export { tagVersion } from './tag-service.js';
export type { KnownVersion } from './tag-service.js';
export { findBranchHeadVersion, findLatestVersionWithTag, findVersion, insertVersion, listVersionsInReverseOrder, updateBuildUrl } from './version-repository.js';
export { validateVersionBody } from './version-schema.js';
export type { VersionUpdate } from './version-schema.js';
export { deleteVersionAndRepairHeads, ensureVersion, findOrCreateVersion, saveVersion } from './version-service.js';
