import { Comparator, type ComparatorResult } from '@pactflow/openapi-pact-comparator';
import { parseOpenApi } from './openapi-document.js';

/** One finding of the comparator, as stored and shown: what is wrong, in which interaction, at which OpenAPI path. */
export interface Mismatch {
  type: 'error' | 'warning';
  code: string;
  message: string;
  interaction: string | null;
  /** `GET /orders/{id}` of the OpenAPI document, when the comparator found the operation. */
  operation: string | null;
  mockLocation: string | null;
  specLocation: string | null;
}

export interface ComparisonOutcome {
  success: boolean;
  mismatches: Mismatch[];
}

/**
 * Compares a pact with an OpenAPI document using PactFlow's own comparator (issue 15: never a
 * hand-written matcher). Errors make the pair incompatible; warnings are kept but do not.
 */
export async function compareContracts(openApiText: string, pactJson: string): Promise<ComparisonOutcome> {
  const parsed = parseOpenApi(openApiText);
  if (!parsed.ok) return { success: false, mismatches: [documentMismatch(parsed.problem)] };
  try {
    const mismatches: Mismatch[] = [];
    for await (const result of new Comparator(parsed.document).compare(JSON.parse(pactJson) as object)) mismatches.push(mismatchOf(result));
    return { success: mismatches.every((mismatch) => mismatch.type !== 'error'), mismatches };
  } catch (error) {
    // A document the comparator cannot read is the provider's to fix: stored as an incompatible comparison, never a 500.
    return { success: false, mismatches: [documentMismatch(error instanceof Error ? error.message : String(error))] };
  }
}

function mismatchOf(result: ComparatorResult): Mismatch {
  const operation = result.specDetails?.pathMethod && result.specDetails.pathName ? `${result.specDetails.pathMethod.toUpperCase()} ${result.specDetails.pathName}` : null;
  return {
    type: result.type,
    code: result.code,
    message: result.message,
    interaction: result.mockDetails?.interactionDescription ?? null,
    operation,
    mockLocation: result.mockDetails?.location ?? null,
    specLocation: result.specDetails?.location ?? null,
  };
}

/** `Interaction 'a request for an order' (GET /orders/{id}): <message> at response.body.total`: how notices and can-i-deploy name a mismatch. */
export function describeMismatch(mismatch: Mismatch): string {
  const where = [mismatch.interaction === null ? undefined : `Interaction '${mismatch.interaction}'`, mismatch.operation === null ? undefined : `(${mismatch.operation})`].filter(Boolean).join(' ');
  const field = mismatch.mockLocation?.replace(/^\[root\]\.interactions\[\d+\]\./, '');
  const text = field && field !== mismatch.mockLocation ? `${mismatch.message} at ${field}` : mismatch.message;
  return where ? `${where}: ${text}` : text;
}

function documentMismatch(problem: string): Mismatch {
  return { type: 'error', code: 'document.invalid', message: `The provider contract is not a valid OpenAPI document: ${problem}`, interaction: null, operation: null, mockLocation: null, specLocation: null };
}
