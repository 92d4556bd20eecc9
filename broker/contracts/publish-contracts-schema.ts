import { decodeUtf8, refuseDeepJson, rubyClassName, isObject, checkIncludedIn, checkMaybeString, checkRequiredString, checkSingleLineNotBlank } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';
import { parsePactJson } from '../pacts/index.js';
import type { PactJson } from '../pacts/index.js';

/** One contract of a valid `POST /contracts/publish` body, its content decoded. */
export interface ContractToPublish {
  consumerName: string;
  providerName: string;
  content: PactJson;
  /** The content as sent (decoded): merges and conflict diffs read it again on the main thread. */
  text: string;
  merge: boolean;
}

/** A valid `POST /contracts/publish` body. */
export interface ContractsToPublish {
  pacticipantName: string;
  pacticipantVersionNumber: string;
  tags: string[];
  branch: string | undefined;
  buildUrl: string | undefined;
  contracts: ContractToPublish[];
}

export type PublishValidation = { valid: true; value: ContractsToPublish } | { valid: false; errors: ValidationErrors };

/** Validates a publish body with the Ruby broker's rules and message texts (docs/broker-api.md#publishing-contracts). */
export function validatePublishContracts(body: Record<string, unknown>): PublishValidation {
  const errors = new ErrorCollector();
  const nameError = checkRequiredString(body, 'pacticipantName');
  errors.add('pacticipantName', nameError);
  const versionError = checkRequiredString(body, 'pacticipantVersionNumber');
  errors.add('pacticipantVersionNumber', versionError);
  validateTags(body.tags, errors);
  validateOptionalLine(body, 'branch', false, errors);
  validateOptionalLine(body, 'buildUrl', true, errors);
  if (!nameError && typeof body.pacticipantName === 'string' && body.pacticipantName.trim() === '') errors.add('pacticipantName', 'cannot be blank');
  if (!versionError && typeof body.pacticipantVersionNumber === 'string') {
    errors.addAll('pacticipantVersionNumber', checkSingleLineNotBlank(body.pacticipantVersionNumber));
  }
  const contracts = validateContracts(body, nameError === undefined, errors);
  if (!errors.isEmpty() || !contracts) return { valid: false, errors: errors.toJSON() };
  return {
    valid: true,
    value: {
      pacticipantName: body.pacticipantName as string,
      pacticipantVersionNumber: body.pacticipantVersionNumber as string,
      tags: Array.isArray(body.tags) ? (body.tags as string[]) : [],
      branch: typeof body.branch === 'string' ? body.branch : undefined,
      buildUrl: typeof body.buildUrl === 'string' ? body.buildUrl : undefined,
      contracts,
    },
  };
}

function validateTags(tags: unknown, errors: ErrorCollector): void {
  if (tags === undefined || tags === null) return;
  if (!Array.isArray(tags)) return errors.add('tags', 'must be an array');
  tags.forEach((tag, index) => {
    const schemaError = tag === null || tag === '' ? 'must be filled' : typeof tag !== 'string' ? 'must be a string' : undefined;
    const ruleError = typeof tag === 'string' && tag !== '' && tag.trim() === '' ? 'cannot be blank' : undefined;
    errors.add('tags', atIndex(schemaError ?? ruleError, index));
  });
}

function validateOptionalLine(body: Record<string, unknown>, key: string, allowBlank: boolean, errors: ErrorCollector): void {
  const value = body[key];
  const schemaError = checkMaybeString(value);
  if (schemaError) return errors.add(key, schemaError);
  if (typeof value === 'string') errors.addAll(key, checkSingleLineNotBlank(value, { allowBlank }));
}

/** Validates `contracts`; returns them decoded when every one is valid. */
function validateContracts(body: Record<string, unknown>, pacticipantNameValid: boolean, errors: ErrorCollector): ContractToPublish[] | undefined {
  if (!('contracts' in body)) return errors.add('contracts', 'is missing');
  const contracts = body.contracts;
  if (!Array.isArray(contracts)) return errors.add('contracts', 'must be an array');
  const notObjects = contracts.flatMap((contract, index) => (isObject(contract) ? [] : [index]));
  if (notObjects.length > 0) {
    for (const index of notObjects) errors.add('contracts', atIndex('must be a hash', index));
    return undefined;
  }
  const decoded = (contracts as Record<string, unknown>[]).map((contract, index) => {
    const result = validateContract(contract);
    for (const message of result.errors) errors.add('contracts', atIndex(message, index));
    return result.contract;
  });
  (contracts as Record<string, unknown>[]).forEach((contract, index) => {
    const consumerName = contract.consumerName;
    if (pacticipantNameValid && consumerName && consumerName !== body.pacticipantName) {
      errors.add('contracts', atIndex(`consumerName ('${String(consumerName)}') must match pacticipantName ('${String(body.pacticipantName)}')`, index));
    }
  });
  return decoded.every((contract) => contract !== undefined) ? decoded : undefined;
}

function validateContract(contract: Record<string, unknown>): { errors: string[]; contract?: ContractToPublish } {
  const errors: string[] = [];
  const schema = {
    consumerName: checkRequiredString(contract, 'consumerName'),
    providerName: checkRequiredString(contract, 'providerName'),
    content: checkRequiredString(contract, 'content'),
    contentType: checkIncludedIn(contract, 'contentType', ['application/json']),
    specification: checkIncludedIn(contract, 'specification', ['pact']),
    onConflict: checkIncludedIn(contract, 'onConflict', ['overwrite', 'merge'], true),
  };
  for (const [key, message] of Object.entries(schema)) if (message) errors.push(`${key} ${message}`);
  for (const key of ['consumerName', 'providerName'] as const) {
    const value = contract[key];
    if (!schema[key] && typeof value === 'string' && value.trim() === '') errors.push(`${key} cannot be blank`);
  }
  const content = decodeContent(contract.content, schema.contentType ? undefined : (contract.contentType as string));
  errors.push(...content.errors);
  if (content.errors.length === 0) {
    errors.push(...nameMismatches(content.parsed, contract, schema.consumerName === undefined && schema.specification === undefined, schema.providerName === undefined));
  }
  if (errors.length > 0 || !isObject(content.parsed) || content.text === undefined) return { errors };
  return {
    errors,
    contract: {
      consumerName: contract.consumerName as string,
      providerName: contract.providerName as string,
      content: content.parsed,
      text: content.text,
      merge: contract.onConflict === 'merge',
    },
  };
}

/** Strict base64 → UTF-8 → JSON object, with the broker's message for the first step that fails. */
function decodeContent(content: unknown, contentType: string | undefined): { errors: string[]; text?: string; parsed?: unknown } {
  const errors: string[] = [];
  const bytes = typeof content === 'string' && isStrictBase64(content) ? Buffer.from(content, 'base64') : undefined;
  if (!bytes) errors.push('is not valid Base64');
  let text: string | undefined;
  if (bytes) {
    try {
      text = decodeUtf8(bytes, (charNumber, fragment) =>
        new Error(`contract content has a non UTF-8 character at char ${charNumber} and cannot be parsed as JSON. Fragment preceding invalid character is: '${fragment}'`),
      );
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (contentType === undefined) return { errors };
  const parsed = text === undefined ? undefined : parseContent(text);
  if (parsed === undefined) errors.push(`content could not be parsed as ${contentType}`);
  else if (errors.length === 0 && !isObject(parsed)) errors.push(`parsed content was expected to be a Hash but was a ${rubyClassName(parsed)}`);
  return { errors, text, parsed };
}

function nameMismatches(parsed: unknown, contract: Record<string, unknown>, checkConsumer: boolean, checkProvider: boolean): string[] {
  if (!isObject(parsed)) return [];
  const errors: string[] = [];
  const nameIn = (value: unknown) => (isObject(value) ? value.name : undefined);
  const consumerName = nameIn(parsed.consumer);
  if (checkConsumer && consumerName !== undefined && consumerName !== null && consumerName !== contract.consumerName) {
    errors.push(`consumer name in contract content ('${String(consumerName)}') must match consumerName in contract params ('${String(contract.consumerName)}')`);
  }
  const providerName = nameIn(parsed.provider);
  if (checkProvider && providerName !== undefined && providerName !== null && providerName !== contract.providerName) {
    errors.push(`provider name in contract content ('${String(providerName)}') must match providerName in contract params ('${String(contract.providerName)}')`);
  }
  return errors;
}

/**
 * Ruby's Base64.strict_decode64 accepts only padded base64 with no whitespace: a length that is a
 * multiple of 4 with at most two `=` at the end. No repeated group: its backtracking overflowed the
 * stack on contents of a few megabytes (issue 11).
 */
function isStrictBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

/** The content parsed, or undefined when it is not JSON; too deeply nested content is refused with a 400 of its own. */
function parseContent(text: string): unknown {
  refuseDeepJson(text);
  try {
    return parsePactJson(text);
  } catch {
    return undefined;
  }
}

function atIndex(message: string | undefined, index: number): string | undefined {
  return message === undefined ? undefined : `${message} (at index ${index})`;
}

/** Messages per field, in the order they were found. */
class ErrorCollector {
  private readonly errors: ValidationErrors = {};

  /** Returns undefined so that validators can `return errors.add(...)`. */
  add(key: string, message: string | undefined): undefined {
    if (message !== undefined) (this.errors[key] ??= []).push(message);
    return undefined;
  }

  addAll(key: string, messages: readonly string[]): void {
    for (const message of messages) this.add(key, message);
  }

  isEmpty(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  toJSON(): ValidationErrors {
    return this.errors;
  }
}
