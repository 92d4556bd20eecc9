/**
 * The publish workflow's one face (team issue 16, structure item 2): `POST /contracts/publish`, the
 * preparation of its body that body-work runs in its threads, and the notices and version HAL that
 * provider contracts' publication shares. It reaches pacts/, versions/ and pacticipants/ to write,
 * and webhooks only through the events it raises (broker/events/).
 */
export { contractRoutes } from './contract-routes.js';
export type { Notice } from './notice.js';
export { prepareContracts } from './prepared-contracts.js';
export type { PublishBodyWork, PublishPreparation } from './publish-body-work.js';
export { validatePublishContracts } from './publish-contracts-schema.js';
export { versionNotices } from './publish-notices.js';
export { publishedVersionHal } from './publish-results-decorator.js';
