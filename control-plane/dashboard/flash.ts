import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** A one-time message for the page after a redirect (post/redirect/get). */
export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

const COOKIE = 'pactsafs_flash';

/** Keeps `flash` for the next page the browser shows. */
export function setFlash(c: Context, flash: Flash): void {
  setCookie(c, COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    maxAge: 60,
  });
}

/** The pending flash, removed as it is read so that it shows once. */
export function takeFlash(c: Context): Flash | undefined {
  const value = getCookie(c, COOKIE);
  if (value === undefined) return undefined;
  deleteCookie(c, COOKIE, { path: '/' });
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flash>;
    if ((parsed.kind === 'success' || parsed.kind === 'error') && typeof parsed.text === 'string') {
      return { kind: parsed.kind, text: parsed.text };
    }
  } catch {
    // A cookie we did not write (or a truncated one): nothing to show.
  }
  return undefined;
}
