/**
 * `verifiedBy.implementation` of the verification results a cross-contract comparison publishes (team
 * issue 15): bi-directional/ records them, the matrix links them to their comparison.
 */
export const CROSS_CONTRACT_VERIFIER = 'PactSafs cross-contract comparison';
