import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../../shared/errors.js';
import { hostNameOf } from '../../shared/host-name.js';

/** Where the control plane's own pages are: the pages allowed to change state through it. */
export interface ControlOrigins {
  /** The control host names (shared/control-hosts.ts), on the port the request itself came to. */
  hosts: ReadonlySet<string>;
  /** `PACTSAFS_PUBLIC_URL`, when a proxy publishes the platform at an origin of its own. */
  publicUrl?: URL | undefined;
}

/**
 * Who sent a request, as the browser tells it: `same-origin` (a control page, by Origin or
 * Sec-Fetch-Site), `foreign` (another site, or a tenant's page, which is the same *site* as
 * `localhost`), or `unstated` (no Origin and no Sec-Fetch-Site other than `none`: curl, the CLI).
 */
export function requestOrigin(c: Context, control: ControlOrigins): 'same-origin' | 'foreign' | 'unstated' {
  const fetchSite = c.req.header('Sec-Fetch-Site');
  const origin = c.req.header('Origin');
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return 'foreign';
  if (origin !== undefined && !isControlOrigin(origin, new URL(c.req.url), control)) return 'foreign';
  return origin !== undefined || fetchSite === 'same-origin' ? 'same-origin' : 'unstated';
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the request may change state (every method but GET, HEAD and OPTIONS). */
export function isStateChanging(c: Context): boolean {
  return STATE_CHANGING.has(c.req.method);
}

/**
 * Refuses state-changing calls sent by another site's page (issue 11, defect 2): without an admin
 * token a browser is all an attacker needs. Clients that state no origin (curl, the CLI) pass.
 */
export function refuseForeignOrigins(control: ControlOrigins): MiddlewareHandler {
  return async function refuseForeignOrigin(c, next) {
    if (isStateChanging(c) && requestOrigin(c, control) === 'foreign') {
      throw new ForbiddenError(
        'This request came from a page of another site (its Origin or Sec-Fetch-Site header says so), so it was refused. ' +
          'Call the API from the control host itself, or without a browser.',
      );
    }
    await next();
  };
}

/** A control host name on the port the request came to, or the public URL's origin; `null` never is. */
function isControlOrigin(origin: string, requestUrl: URL, control: ControlOrigins): boolean {
  if (!URL.canParse(origin)) return false; // `null` included: a sandboxed or privacy-stripped origin
  const url = new URL(origin);
  if (url.origin === control.publicUrl?.origin) return true;
  return control.hosts.has(hostNameOf(url.host)) && portOf(url) === portOf(requestUrl);
}

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}
