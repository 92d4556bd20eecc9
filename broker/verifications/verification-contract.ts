import { isObject, checkMaybeString, checkRequiredString } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';

/** What a verifier sends to `pb:publish-verification-results` (docs/broker-api.md#the-verifiers-sequence). */
export interface VerificationToPublish {
  success: boolean;
  providerApplicationVersion: string;
  buildUrl: string | undefined;
  testResults: unknown;
  verifiedBy: VerifiedBy;
}

export interface VerifiedBy {
  implementation?: string;
  version?: string;
  clientImplementation?: string;
  clientVersion?: string;
  clientTestFramework?: string;
}

export type VerificationValidation = { valid: true; value: VerificationToPublish } | { valid: false; errors: ValidationErrors };

// Characters Ruby's URI() refuses; anything else, even a relative reference, it accepts.
const INVALID_URI_CHARACTERS = /[\s<>"{}|\\^`]/;

/** The Ruby broker's VerificationContract: its rules and message texts. */
export function validateVerification(body: Record<string, unknown>): VerificationValidation {
  const errors: ValidationErrors = {};
  const add = (field: string, message: string | undefined) => {
    if (message) (errors[field] ??= []).push(message);
  };
  add('success', checkBoolean(body));
  const versionError = checkRequiredString(body, 'providerApplicationVersion');
  add('providerApplicationVersion', versionError);
  if (!versionError && String(body.providerApplicationVersion).trim() === '') add('providerApplicationVersion', 'cannot be blank');
  const buildUrlError = checkMaybeString(body.buildUrl);
  add('buildUrl', buildUrlError);
  if (!buildUrlError && typeof body.buildUrl === 'string' && INVALID_URI_CHARACTERS.test(body.buildUrl)) {
    add('buildUrl', 'is not a valid URL eg. http://example.org');
  }
  if (Object.keys(errors).length > 0) return { valid: false, errors };
  return {
    valid: true,
    value: {
      success: body.success as boolean,
      providerApplicationVersion: body.providerApplicationVersion as string,
      buildUrl: typeof body.buildUrl === 'string' ? body.buildUrl : undefined,
      testResults: body.testResults,
      verifiedBy: readVerifiedBy(body.verifiedBy),
    },
  };
}

function checkBoolean(body: Record<string, unknown>): string | undefined {
  if (!('success' in body)) return 'is missing';
  if (body.success === null) return 'must be filled';
  return typeof body.success === 'boolean' ? undefined : 'must be boolean';
}

function readVerifiedBy(value: unknown): VerifiedBy {
  const object = asObject(value);
  const client = asObject(object.clientLanguage);
  return {
    implementation: asString(object.implementation),
    version: asString(object.version),
    clientImplementation: asString(client.name),
    clientVersion: asString(client.version),
    clientTestFramework: asString(client.testFramework),
  };
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
