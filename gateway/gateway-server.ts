import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../shared/logger.js';
import type { TenantAccess, TenantAuthorizer, TenantRoute, TenantRouteLookup } from '../shared/routing.js';
import { endSocketWithProblem, sendGatewayProblem, type GatewayProblem } from './error-responses.js';
import { answerClientError } from './client-errors.js';
import { headersObject, headerValue, publicOriginFor, upstreamRawHeaders } from './forwarded-headers.js';
import type { RequestCounters } from './request-counters.js';
import { hostProblem, MAX_HEADER_BYTES, parsedRequestProblem } from './request-problems.js';
import { resolveRoute, routeOptionsFor, type ResolvedRoute } from './resolve-route.js';
import { sendAccessProblem, tenantRequestOf, withCredentials } from './tenant-access.js';
import { createTenantProxy } from './tenant-proxy.js';
import { holdUntilAwake, trackRequest, type TenantWaker } from './tenant-wake.js';

export interface GatewayOptions {
  domain: string;
  /** `PACTSAFS_CONTROL_HOSTS`: more host names for the control plane; any other host is refused. */
  controlHosts?: readonly string[];
  /** `PACTSAFS_PUBLIC_URL`: the origin tenants build their links from, whatever the client used. */
  publicUrl?: URL;
  /** The tenant routes, owned by the control plane. */
  lookup: TenantRouteLookup;
  /** Requests for the control host (`/api`, the dashboard). */
  control: (req: IncomingMessage, res: ServerResponse) => void;
  /** Where requests for tenant addresses are counted (GET /metrics). */
  counters: RequestCounters;
  logger: Logger;
  /** Checks tenant requests' credentials (issue 11: CI tokens); without it every request passes. */
  authorize?: TenantAuthorizer;
  /** Issue 13: wakes sleeping tenants and hears of their requests; without it a sleeping tenant answers 503. */
  waker?: TenantWaker;
}

export interface Gateway {
  /** Listens on every host on one port (0 picks a free one) and resolves to that port. */
  listen(port: number, hosts: string[]): Promise<number>;
  close(): Promise<void>;
}

/** The single exposed port: routes each request by Host or `/t/<tenant>` to the control plane or a tenant. */
export function createGateway(options: GatewayOptions): Gateway {
  const { lookup, control, counters, logger, publicUrl, waker } = options;
  const authorize = options.authorize ?? (() => PASS);
  const routeOptions = routeOptionsFor(options);
  const proxy = createTenantProxy(logger);
  const servers: Server[] = [];
  // Upgraded sockets leave the HTTP server's bookkeeping: close() must end them itself.
  const upgradedSockets = new Set<Duplex>();

  // Issue 11, defects 2 and 9: a malformed request, or one for a host the platform does not serve, is answered here.
  const routeOf = (req: IncomingMessage): Exclude<ResolvedRoute, { kind: 'unknown-host' | 'missing-host' }> | Refused => {
    const malformed = parsedRequestProblem(req.url ?? '/', req.rawHeaders);
    if (malformed) return { kind: 'refused', problem: malformed };
    // The Host from the raw list: `req.headers` would build an object that a tenant's request replaces.
    const route = resolveRoute(headerValue(req.rawHeaders, 'host'), req.url ?? '/', routeOptions, req.socket.localAddress);
    if (route.kind === 'unknown-host' || route.kind === 'missing-host') return { kind: 'refused', problem: hostProblem(route, routeOptions) };
    return route;
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const route = routeOf(req);
    if (route.kind === 'refused') {
      sendGatewayProblem(req, res, route.problem);
      return;
    }
    if (route.kind === 'control') {
      control(req, res);
      return;
    }
    const tenantRoute = lookup(route.tenant);
    if (waker && tenantRoute?.kind === 'unavailable' && tenantRoute.state === 'sleeping') {
      holdUntilAwake(req, res, route.tenant, waker, () => onRequest(req, res), logger);
      return;
    }
    if (tenantRoute === undefined || tenantRoute.kind === 'unavailable') {
      counters.count(route.tenant, tenantRoute ? 'unavailable' : 'unknown-tenant');
      sendGatewayProblem(req, res, problemForRoute(route.tenant, tenantRoute));
      return;
    }
    const access = authorize(route.tenant, tenantRequestOf(req, route.path));
    if (access.kind === 'refuse') {
      counters.count(route.tenant, 'refused');
      sendAccessProblem(req, res, access);
      return;
    }
    counters.count(route.tenant, 'routed');
    if (waker) trackRequest(waker, route.tenant, res);
    const rawHeaders = tenantRawHeaders(req, route, publicUrl, false, access);
    if (tenantRoute.kind === 'proxy') {
      // Issue 13 (target 2): the proxy sends the list as it is; building `req.headers` from it was per-request work for nobody.
      proxy.web(req, res, tenantRoute, route.tenant, { path: route.path, rawHeaders });
      return;
    }
    handOver(req, route.path, rawHeaders);
    tenantRoute.handle(req, res);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const route = routeOf(req);
    if (route.kind === 'refused') {
      endSocketWithProblem(socket, route.problem);
      return;
    }
    if (route.kind === 'control') {
      endSocketWithProblem(socket, { status: 404, title: 'Not Found', detail: 'The control plane has no WebSocket endpoints.' });
      return;
    }
    const tenantRoute = lookup(route.tenant);
    if (tenantRoute?.kind !== 'proxy') {
      const inProcess = tenantRoute?.kind === 'in-process';
      endSocketWithProblem(socket, inProcess ? notImplemented(route.tenant) : problemForRoute(route.tenant, tenantRoute));
      return;
    }
    const access = authorize(route.tenant, tenantRequestOf(req, route.path));
    if (access.kind === 'refuse') {
      endSocketWithProblem(socket, access);
      return;
    }
    handOver(req, route.path, tenantRawHeaders(req, route, publicUrl, true, access));
    upgradedSockets.add(socket);
    socket.once('close', () => upgradedSockets.delete(socket));
    proxy.ws(req, socket, head, tenantRoute, route.tenant);
  };

  return {
    async listen(port, hosts) {
      let boundPort = port;
      for (const host of hosts) {
        // Host is checked by routeOf, which answers its absence with a sentence instead of Node's empty 400.
        const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false }, onRequest);
        server.on('upgrade', onUpgrade);
        server.on('clientError', answerClientError);
        try {
          await listenOn(server, boundPort, host);
        } catch (error) {
          // A machine without IPv6 cannot bind ::1: serve on the other addresses.
          if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' && hosts.length > 1) {
            logger.warn('cannot listen on this address; skipping it', { host, port: boundPort });
            continue;
          }
          await Promise.all(servers.map(closeServer));
          throw error;
        }
        boundPort = (server.address() as AddressInfo).port;
        servers.push(server);
      }
      return boundPort;
    },
    async close() {
      for (const socket of upgradedSockets) socket.destroy();
      await Promise.all(servers.map(closeServer));
      proxy.close();
    },
  };
}

const PASS: TenantAccess = Object.freeze({ kind: 'pass' });

/** The headers a tenant receives (for a token, with the credentials it stands for); links come back through the gateway thanks to the forwarded ones. */
function tenantRawHeaders(req: IncomingMessage, route: TenantTarget, publicUrl: URL | undefined, upgrade: boolean, access: TenantAccess): string[] {
  const { tenant, prefix } = route;
  const publicOrigin = publicUrl && publicOriginFor(publicUrl, tenant, prefix);
  const forwarded = upstreamRawHeaders(
    req.rawHeaders,
    { localPort: req.socket.localPort ?? 0, remoteAddress: req.socket.remoteAddress, encrypted: false, prefix, tenant, publicOrigin },
    upgrade,
  );
  return access.kind === 'forward' ? withCredentials(forwarded, access.headers) : forwarded;
}

/** The request as a handler in this process (or http-proxy) sees it: the tenant's own path and headers. */
function handOver(req: IncomingMessage, path: string, rawHeaders: string[]): void {
  req.rawHeaders = rawHeaders;
  req.headers = headersObject(rawHeaders);
  req.url = path;
}

type Unavailable = Extract<TenantRoute, { kind: 'unavailable' }>;
type TenantTarget = Extract<ResolvedRoute, { kind: 'tenant' }>;
type Refused = { kind: 'refused'; problem: GatewayProblem };

/** Unknown tenant → 404; a tenant that cannot serve now (stopped, creating, failed) → 503 with Retry-After. */
function problemForRoute(tenant: string, route: Unavailable | undefined): GatewayProblem {
  if (!route) {
    return { status: 404, title: 'Not Found', detail: `There is no tenant named "${tenant}". Create it with POST /api/tenants.` };
  }
  const details: Record<string, string> = {
    stopped: `Tenant "${tenant}" is stopped. Start it with POST /api/tenants/${tenant}/start.`,
    starting: `Tenant "${tenant}" is starting; try again in a moment.`,
  };
  const detail = details[route.state] ?? `Tenant "${tenant}" is ${route.state} and cannot serve requests right now.`;
  return { status: 503, title: 'Service Unavailable', detail, retryAfterSeconds: route.retryAfterSeconds };
}

function notImplemented(tenant: string): GatewayProblem {
  return { status: 501, title: 'Not Implemented', detail: `The broker of tenant "${tenant}" has no WebSocket endpoints.` };
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
