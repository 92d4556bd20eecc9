/** HTTP's face (team issue 16, item 2): the request context, bodies, errors, field checks, pages and content negotiation every resource uses. */
export { brokerBodyLimit } from './body-limit.js';
export { HAL_JSON, PLAIN_JSON, halJson, halJsonText, pathParam, rawQuery } from './broker-env.js';
export type { BrokerContext, BrokerEnv } from './broker-env.js';
export { PACT_BROKER_COMPATIBLE_VERSION } from './broker-version.js';
export { forcesJson, parseAccept, prefersHtml } from './content-negotiation.js';
export type { MediaRange } from './content-negotiation.js';
export { generateErrorReference, renderHttpError, renderUnexpectedError } from './error-response.js';
export { checkFilledString, checkIncludedIn, checkMaybeString, checkRequiredString, checkSingleLineNotBlank, isProvided } from './field-checks.js';
export { HttpError, messageError, notFound, orNotFound, unsupportedMediaType, validationFailed } from './http-error.js';
export type { ValidationErrors } from './http-error.js';
export { isObject } from './json-object.js';
export { DEFAULT_PAGE, pageOf, paginationParts, requestedPage } from './pagination.js';
export type { Page, PageRequest } from './pagination.js';
export { decodeUtf8, expectJsonObject, parseJsonBody, readBodyBytes, readJsonBody, refuseDeepJson, rubyClassName } from './request-body.js';
export { resource } from './resource.js';
