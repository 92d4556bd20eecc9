import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

declare module 'hono' {
  interface ContextVariableMap {
    /** The admin token of the dashboard session this request carries, if any (see AdminSessions). */
    sessionToken: string | undefined;
  }
}

/**
 * The session cookie's name. The gateway strips every `pactsafs_*` cookie from what it forwards to
 * tenants (issue 11): this name must keep that prefix.
 */
export const SESSION_COOKIE = 'pactsafs_session';
/** The cookie of earlier versions, which held the admin token itself: removed wherever a browser still sends it. */
const TOKEN_COOKIE = 'pactsafs_admin_token';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** …and this long after sign-in, however busy. */
export const SESSION_MAX_MS = 24 * 3_600_000;

interface Session {
  token: string;
  startedAt: number;
  lastUsedAt: number;
}

/**
 * Signed-in dashboard browsers (issue 11, defect 4). The cookie carries only a random session id;
 * the admin token it stands for stays in this process's memory, so a stolen cookie does not reveal
 * the token, ends at sign-out or expiry, and dies with the process. HttpOnly so page scripts never
 * see it, SameSite=Strict so no other site's page makes the browser send it. The /api middleware
 * reads only the Authorization header, never this cookie: the dashboard's CSRF-checked routes are
 * the one place where a session turns into an API call.
 */
export class AdminSessions {
  private readonly sessions = new Map<string, Session>();

  /** Sets `sessionToken` for the dashboard's handlers from the request's session cookie. */
  readonly load: MiddlewareHandler = async (c, next) => {
    c.set('sessionToken', this.current(c)?.token);
    if (getCookie(c, TOKEN_COOKIE) !== undefined) deleteCookie(c, TOKEN_COOKIE, { path: '/' });
    await next();
  };

  /** Starts a session for `token`, already accepted by the API, and sets its cookie. */
  start(c: Context, token: string): void {
    this.drop(c);
    this.dropExpired(Date.now());
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { token, startedAt: Date.now(), lastUsedAt: Date.now() });
    setCookie(c, SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'Strict' });
    c.set('sessionToken', token);
  }

  /** Ends the request's session on the server and removes its cookie. */
  end(c: Context): void {
    this.drop(c);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    c.set('sessionToken', undefined);
  }

  private drop(c: Context): void {
    const id = getCookie(c, SESSION_COOKIE);
    if (id !== undefined) this.sessions.delete(id);
  }

  private current(c: Context): Session | undefined {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (id === undefined || session === undefined) return undefined;
    const now = Date.now();
    if (isExpired(session, now)) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  private dropExpired(now: number): void {
    for (const [id, session] of this.sessions) if (isExpired(session, now)) this.sessions.delete(id);
  }
}

function isExpired(session: Session, now: number): boolean {
  return now - session.lastUsedAt > SESSION_IDLE_MS || now - session.startedAt > SESSION_MAX_MS;
}

/** The admin token of this request's dashboard session, if it has one. */
export function sessionToken(c: Context): string | undefined {
  return c.get('sessionToken');
}
