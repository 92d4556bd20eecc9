import { createContext, useContext } from 'hono/jsx';

/**
 * The platform a broker runs under, as its gateway tells it per request (team issue 16): the
 * tenant's name and its page on the platform's dashboard. The broker knows nothing else of the
 * platform; without these headers (a broker on its own) the header shows no tenant.
 */
export interface PlatformHome {
  tenant: string;
  dashboardUrl: string;
}

/** The request headers the platform's gateway sets (and strips from what clients send). */
export const TENANT_HEADER = 'x-pactsafs-tenant';
export const DASHBOARD_HEADER = 'x-pactsafs-dashboard';

/** The platform home the request's headers name, if both are there and the URL is http(s) (never a `javascript:` link). */
export function platformHomeOf(headers: Headers): PlatformHome | undefined {
  const tenant = headers.get(TENANT_HEADER);
  const dashboardUrl = headers.get(DASHBOARD_HEADER);
  if (!tenant || !dashboardUrl || !/^https?:\/\//i.test(dashboardUrl)) return undefined;
  return { tenant, dashboardUrl };
}

/** Carries the platform home from the route to the layout without passing it through every page. */
export const PlatformHomeContext = createContext<PlatformHome | undefined>(undefined);

/** The header's tenant name and link back to the dashboard; nothing for a broker on its own. */
export function PlatformHomeLink() {
  const home = useContext(PlatformHomeContext);
  if (!home) return null;
  return (
    <span class="tenant">
      tenant <strong>{home.tenant}</strong> · <a href={home.dashboardUrl}>Platform dashboard</a>
    </span>
  );
}
