import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../shared/errors.js';
import { isArchiveMediaType, isJsonMediaType, mediaTypeOf } from './media-types.js';
import { isStateChanging } from './request-origin.js';

/** The largest JSON body the control plane reads (issue 11, defect 3): a tenant's settings are a few KiB. */
export const MAX_JSON_BODY_BYTES = 2 ** 20;

/**
 * State-changing `/api` calls carry JSON, a backup tar, or no Content-Type at all (stop, start,
 * remove: curl and the CLI send none). Form and text types are refused with 415: they are what
 * another site's page can send without asking (issue 11). Every body but a tar is limited to
 * 1 MiB, refused with 413 before it is read whole.
 */
export function apiRequestBodies(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError('The request body is larger than 1 MiB, the most the control plane takes as JSON.');
    },
  });
  return async function checkApiRequestBody(c, next) {
    if (!isStateChanging(c)) return next();
    const header = c.req.header('Content-Type');
    const type = mediaTypeOf(header);
    if (isArchiveMediaType(type)) return next(); // restores stream the tar; their own limits apply
    if (header !== undefined && !isJsonMediaType(type)) {
      throw new UnsupportedMediaTypeError(
        `Send the request body as JSON, with "Content-Type: application/json" (a backup as "application/x-tar"), not "${header}".`,
      );
    }
    return limit(c, next);
  };
}
