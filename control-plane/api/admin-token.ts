import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../../shared/errors.js';

/** A check that throws 401 unless the request carries `Authorization: Bearer <token>`; passes everything when no token is set. */
export function adminTokenCheck(token: string | undefined): (c: Context) => void {
  const expected = token === undefined ? undefined : digest(token);
  return function checkAdminToken(c) {
    if (!expected) return;
    const presented = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    // Compare digests so the comparison takes the same time whatever the token's length.
    if (!presented || !timingSafeEqual(digest(presented.trim()), expected)) {
      throw new UnauthorizedError('This platform needs an admin token: send "Authorization: Bearer <PACTSAFS_ADMIN_TOKEN>".');
    }
  };
}

/** When PACTSAFS_ADMIN_TOKEN is set, every /api call needs `Authorization: Bearer <token>`. */
export function adminToken(token: string | undefined): MiddlewareHandler {
  const check = adminTokenCheck(token);
  return async function requireAdminToken(c, next) {
    check(c);
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
