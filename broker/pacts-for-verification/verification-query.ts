import { parseWipSince } from './query-contract.js';
import type { Selector } from './selector.js';

/** A validated pacts-for-verification request, normalised as the Ruby broker's query decorator does (docs/broker-api.md#selector-normalisation). */
export interface VerificationQuery {
  providerVersionBranch: string | undefined;
  providerVersionTags: string[];
  selectors: Selector[];
  includePendingStatus: boolean;
  includeWipPactsSince: Date | undefined;
}

/** Reads a body that {@link validateQuery} accepted. */
export function normaliseQuery(body: Record<string, unknown>): VerificationQuery {
  const branch = typeof body.providerVersionBranch === 'string' ? body.providerVersionBranch : undefined;
  const selectors = Array.isArray(body.consumerVersionSelectors) ? (body.consumerVersionSelectors as Record<string, unknown>[]) : [];
  return {
    providerVersionBranch: branch,
    providerVersionTags: Array.isArray(body.providerVersionTags) ? body.providerVersionTags.map(String) : [],
    selectors: selectors.flatMap((selector) => normaliseSelector(selector, branch)),
    // Absent means true; the Rust verifier always sends it.
    includePendingStatus: body.includePendingStatus !== false,
    includeWipPactsSince: parseWipSince(body.includeWipPactsSince),
  };
}

/**
 * mainBranch, branch and matchingBranch force `latest`; matchingBranch takes the provider's branch;
 * deployedOrReleased becomes a deployed and a released selector.
 */
function normaliseSelector(raw: Record<string, unknown>, providerVersionBranch: string | undefined): Selector[] {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const selector: Selector = {};
  if (typeof raw.latest === 'boolean') selector.latest = raw.latest;
  if (text('tag') !== undefined) selector.tag = text('tag');
  if (text('consumer') !== undefined) selector.consumer = text('consumer');
  if (text('environment') !== undefined) selector.environmentName = text('environment');
  if (text('fallbackTag') !== undefined) selector.fallbackTag = text('fallbackTag');
  if (text('fallbackBranch') !== undefined) selector.fallbackBranch = text('fallbackBranch');
  if (raw.mainBranch === true) Object.assign(selector, { mainBranch: true, latest: true });
  if (typeof raw.branch === 'string' || raw.branch === true) Object.assign(selector, { branch: raw.branch, latest: true });
  if (raw.matchingBranch === true) Object.assign(selector, { matchingBranch: true, latest: true });
  if (raw.matchingBranch === true && providerVersionBranch !== undefined) selector.branch = providerVersionBranch;
  if (raw.deployed === true) selector.currentlyDeployed = true;
  if (raw.released === true) selector.currentlySupported = true;
  if (raw.deployedOrReleased === true) return [{ ...selector, currentlyDeployed: true }, { ...selector, currentlySupported: true }];
  return [selector];
}
