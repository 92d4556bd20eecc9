import { checkFilledString, checkMaybeString, checkRequiredString, isObject } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';
import { parseOpenApi } from './openapi-document.js';

/** A provider contract as PactFlow's publish resources take it (issue 15), decoded. */
export interface ProviderContractToPublish {
  versionNumber: string;
  branch: string | undefined;
  tags: string[];
  buildUrl: string | undefined;
  content: string;
  contentType: string;
  specification: string;
  selfVerification: SelfVerification | undefined;
}

export interface SelfVerification {
  success: boolean;
  content: string | undefined;
  contentType: string | undefined;
  format: string | undefined;
  verifier: string | undefined;
  verifierVersion: string | undefined;
}

export type ProviderContractValidation = { valid: true; value: ProviderContractToPublish } | { valid: false; errors: ValidationErrors };

/** `POST /provider-contracts/provider/{p}/publish`: `{pacticipantVersionNumber, branch, tags, buildUrl, contract: {…}}`. */
export function validatePublishBody(body: Record<string, unknown>): ProviderContractValidation {
  const errors: ValidationErrors = {};
  const add = (field: string, message: string | undefined) => {
    if (message) (errors[field] ??= []).push(message);
  };
  add('pacticipantVersionNumber', checkRequiredString(body, 'pacticipantVersionNumber'));
  add('branch', checkMaybeString(body.branch));
  add('buildUrl', checkMaybeString(body.buildUrl));
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || tag === '')) add('tags', 'must be an array of filled strings');
  if (!isObject(body.contract)) add('contract', 'is missing');
  const contract = isObject(body.contract) ? checkContract(body.contract, 'contract', 'selfVerificationResults', add) : undefined;
  if (Object.keys(errors).length > 0 || !contract) return { valid: false, errors };
  return {
    valid: true,
    value: { versionNumber: body.pacticipantVersionNumber as string, branch: stringOrUndefined(body.branch), tags: tags as string[], buildUrl: stringOrUndefined(body.buildUrl), ...contract },
  };
}

/** The legacy `PUT /contracts/provider/{p}/version/{v}`: `{content, contractType, contentType, verificationResults}`. */
export function validateLegacyBody(body: Record<string, unknown>, versionNumber: string): ProviderContractValidation {
  const errors: ValidationErrors = {};
  const add = (field: string, message: string | undefined) => {
    if (message) (errors[field] ??= []).push(message);
  };
  const contract = checkContract({ ...body, specification: body.contractType ?? 'oas' }, '', 'verificationResults', add);
  if (Object.keys(errors).length > 0 || !contract) return { valid: false, errors };
  return { valid: true, value: { versionNumber, branch: undefined, tags: [], buildUrl: undefined, ...contract } };
}

type Contract = Pick<ProviderContractToPublish, 'content' | 'contentType' | 'specification' | 'selfVerification'>;

function checkContract(contract: Record<string, unknown>, prefix: string, resultsKey: string, add: (field: string, message: string | undefined) => void): Contract | undefined {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (contract.specification !== 'oas') add(field('specification'), 'must be oas (an OpenAPI document)');
  add(field('contentType'), checkRequiredString(contract, 'contentType'));
  const contentError = checkRequiredString(contract, 'content');
  add(field('content'), contentError);
  if (contentError) return undefined;
  const content = Buffer.from(contract.content as string, 'base64').toString('utf8');
  const parsed = parseOpenApi(content);
  if (!parsed.ok) add(field('content'), `is not a valid OpenAPI document: ${parsed.problem}`);
  const results = contract[resultsKey];
  if (results !== undefined && !isObject(results)) add(field(resultsKey), 'must be an object');
  const selfVerification = isObject(results) ? checkSelfVerification(results, field(resultsKey), add) : undefined;
  return { content, contentType: String(contract.contentType), specification: 'oas', selfVerification };
}

function checkSelfVerification(results: Record<string, unknown>, prefix: string, add: (field: string, message: string | undefined) => void): SelfVerification {
  if (typeof results.success !== 'boolean') add(`${prefix}.success`, 'must be true or false');
  for (const key of ['content', 'contentType', 'format', 'verifier', 'verifierVersion']) add(`${prefix}.${key}`, checkMaybeString(results[key]));
  const content = stringOrUndefined(results.content);
  return {
    success: results.success === true,
    content: content === undefined ? undefined : Buffer.from(content, 'base64').toString('utf8'),
    contentType: stringOrUndefined(results.contentType),
    format: stringOrUndefined(results.format),
    verifier: stringOrUndefined(results.verifier),
    verifierVersion: stringOrUndefined(results.verifierVersion),
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && checkFilledString(value) === undefined ? value : undefined;
}
