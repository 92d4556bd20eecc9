import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import type { Logger } from '../shared/logger.js';
import { endSocketWithProblem, sendGatewayProblem, type GatewayProblem } from './error-responses.js';

/** Proxies requests to tenants in other processes over pooled keep-alive connections. */
export interface TenantProxy {
  web(req: IncomingMessage, res: ServerResponse, target: { host: string; port: number }, tenant: string): void;
  ws(req: IncomingMessage, socket: Duplex, head: Buffer, target: { host: string; port: number }, tenant: string): void;
  close(): void;
}

export function createTenantProxy(logger: Logger, upstreamTimeoutMs = 120_000, connectTimeoutMs = 5000): TenantProxy {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 });
  // xfwd off: the gateway has already replaced the forwarded headers itself.
  const proxy = httpProxy.createProxyServer({ agent, xfwd: false, proxyTimeout: upstreamTimeoutMs });
  // The upstream request of each client request, to tell a reused keep-alive socket's failure from others.
  const upstreamRequests = new WeakMap<IncomingMessage, http.ClientRequest>();
  const retried = new WeakSet<IncomingMessage>();
  proxy.on('proxyReq', (proxyReq, req) => {
    upstreamRequests.set(req, proxyReq);
    // Issue 12: upstreams are container addresses. One whose container just died drops connection attempts
    // instead of refusing them; without a limit such a request would wait for the upstream timeout.
    limitConnectTime(proxyReq, connectTimeoutMs);
  });

  const web = (req: IncomingMessage, res: ServerResponse, target: { host: string; port: number }, tenant: string) =>
    proxy.web(req, res, { target }, (error: Error, failed: IncomingMessage, client: ServerResponse | Duplex) => {
      if (client instanceof http.ServerResponse && shouldRetry(failed, client, upstreamRequests.get(failed), retried)) {
        retried.add(failed);
        web(failed, client, target, tenant);
        return;
      }
      fail(tenant)(error, failed, client);
    });

  const fail = (tenant: string) => (error: Error, req: IncomingMessage, target: ServerResponse | Duplex) => {
    const problem = problemFor(error, tenant);
    if (target.destroyed) return; // the client left: nobody to answer
    logger.warn('tenant upstream failed', { tenant, status: problem.status, error: error.message, url: req.url });
    if (target instanceof http.ServerResponse) sendGatewayProblem(req, target, problem);
    else endSocketWithProblem(target, problem);
  };

  return {
    web,
    ws: (req, socket, head, target, tenant) => {
      socket.on('error', () => socket.destroy());
      proxy.ws(req, socket, head, { target, agent: undefined }, fail(tenant));
    },
    close: () => {
      proxy.close();
      agent.destroy();
    },
  };
}

/**
 * Whether a failed request may be sent once more on a new connection: it went out on a reused
 * keep-alive socket that the upstream closed before answering (a broker closes its idle sockets on
 * SIGTERM, e.g. during a rolling upgrade: issue 12), and it has no body, so it can be sent again.
 * Node's documentation recommends exactly this retry (`request.reusedSocket`).
 */
function shouldRetry(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: http.ClientRequest | undefined,
  retried: WeakSet<IncomingMessage>,
): boolean {
  const bodiless = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
  return bodiless && upstream?.reusedSocket === true && !res.headersSent && !retried.has(req);
}

/**
 * Fails `request` when its new connection is not made within `timeoutMs` (a pooled socket is already
 * connected). http-proxy emits `proxyReq` from the request's own `socket` event: the socket is there.
 */
function limitConnectTime(request: http.ClientRequest, timeoutMs: number): void {
  const socket = request.socket;
  if (!socket?.connecting) return;
  const timer = setTimeout(() => {
    request.destroy(Object.assign(new Error(`no connection within ${timeoutMs / 1000} s`), { code: 'ECONNECTTIMEOUT' }));
  }, timeoutMs);
  socket.once('connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
}

/** One place maps proxy errors to answers: timeout → 504, refused, reset and the rest → 502. */
export function problemFor(error: NodeJS.ErrnoException, tenant: string): GatewayProblem {
  if (error.code === 'ETIMEDOUT' || error.code === 'ESOCKETTIMEDOUT') {
    return { status: 504, title: 'Gateway Timeout', detail: `The broker of tenant "${tenant}" did not answer in time.` };
  }
  return {
    status: 502,
    title: 'Bad Gateway',
    detail: `The broker of tenant "${tenant}" is not answering (${error.code ?? error.message}). It may be starting or restarting; try again shortly.`,
  };
}
