import type { PactRow } from './pact-repository.js';

/**
 * What runs once published pacts are committed, before the publishing request answers: team issue 15's
 * comparisons with provider contracts. Given by app.ts, so that pacts/ and contracts/ do not import
 * bi-directional/, a feature layered on them (team issue 16, structure item 2).
 */
export type PactsPublished = (pacts: readonly PactRow[], baseUrl: string) => Promise<void>;
