import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const COOKIE = 'pactsafs_admin_token';

/**
 * The admin token a signed-in browser sent. HttpOnly so page scripts never see it, SameSite=Strict
 * so no other site's page can make the browser send it. The /api middleware reads only the
 * Authorization header, never this cookie: the dashboard's CSRF-checked routes are the one place
 * where the cookie turns into an API call.
 */
export function sessionToken(c: Context): string | undefined {
  return getCookie(c, COOKIE) || undefined;
}

export function startSession(c: Context, token: string): void {
  setCookie(c, COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict' });
}

export function endSession(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/' });
}
