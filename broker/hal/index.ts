/** HAL's face (team issue 16, item 2): links, URLs, base URL and time formats every resource renders. */
export { baseUrlResolver } from './base-url.js';
export { formatDayMonthYear, formatTime, timestamps } from './format-time.js';
export { curies } from './hal-link.js';
export type { HalLink } from './hal-link.js';
export { contractPairUrl, crossContractResultsUrl, providerContractLinks, providerContractUrl, selfVerificationUrl } from './provider-contract-urls.js';
export { urlEncode } from './url-encoding.js';
export { branchUrl, branchVersionUrl, integrationPactsUrl, latestPactUrl, latestPactsUrl, pactUrl, pactVersionUrl, pacticipantUrl, pacticipantsUrl, tagUrl, versionUrl } from './urls.js';
