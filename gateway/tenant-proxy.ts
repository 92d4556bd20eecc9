import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import type { Logger } from '../shared/logger.js';
import { endSocketWithProblem, sendGatewayProblem, type GatewayProblem } from './error-responses.js';
import { headerValue } from './forwarded-headers.js';
import { hasRequestBody, responseRawHeaders } from './raw-headers.js';

type Target = { host: string; port: number };

/** What the tenant is sent instead of the client's request line and headers: its own path, the forwarded raw header list. */
export interface UpstreamRequest {
  path: string;
  rawHeaders: string[];
}

/** Proxies requests to tenants in other processes over pooled keep-alive connections. */
export interface TenantProxy {
  /** Sends `upstream` with the client's method and body; `req` itself is left as the client sent it (its error answers read its Accept). */
  web(req: IncomingMessage, res: ServerResponse, target: { host: string; port: number }, tenant: string, upstream: UpstreamRequest): void;
  ws(req: IncomingMessage, socket: Duplex, head: Buffer, target: { host: string; port: number }, tenant: string): void;
  close(): void;
}

/**
 * Issue 13 (target 2): requests go out with Node's own http.request, the headers as raw lists both
 * ways; the profile of http-proxy's path showed its per-request option merging, header objects and
 * passes (bench/results.md). WebSocket upgrades, which are rare, still go through http-proxy.
 */
export function createTenantProxy(logger: Logger, upstreamTimeoutMs = 120_000, connectTimeoutMs = 5000): TenantProxy {
  const agent = upstreamAgent(connectTimeoutMs);
  const wsProxy = httpProxy.createProxyServer({ xfwd: false });

  const fail = (error: NodeJS.ErrnoException, req: IncomingMessage, client: ServerResponse | Duplex, tenant: string) => {
    if (client.destroyed) return; // the client left: nobody to answer
    const problem = problemFor(error, tenant);
    logger.warn('tenant upstream failed', { tenant, status: problem.status, error: error.message, url: req.url });
    if (client instanceof http.ServerResponse) {
      if (client.headersSent) client.destroy();
      else sendGatewayProblem(req, client, problem);
    } else endSocketWithProblem(client, problem);
  };

  function send(req: IncomingMessage, res: ServerResponse, target: Target, tenant: string, forward: UpstreamRequest, body: boolean, retried: boolean): http.ClientRequest {
    const { path, rawHeaders } = forward;
    const upstream = http.request({ agent, host: target.host, port: target.port, method: req.method, path, headers: rawHeaders, timeout: upstreamTimeoutMs }, (answer) =>
      relay(answer, req, res),
    );
    upstream.once('timeout', () => upstream.destroy(timeoutError(upstreamTimeoutMs)));
    let failed = false;
    upstream.on('error', (error) => {
      if (failed) return; // a request fails once; later errors of its socket change nothing
      failed = true;
      if (!retried && mayRetry(req, res, upstream, body)) send(req, res, target, tenant, forward, body, true);
      else fail(error, req, res, tenant);
    });
    // The client left before the whole answer: the broker stops sending it too.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (retried || !body) upstream.end();
    else req.pipe(upstream);
    return upstream;
  }

  return {
    web: (req, res, target, tenant, forward) => {
      const body = hasRequestBody(req.rawHeaders);
      const upstream = send(req, res, target, tenant, forward, body, false);
      // The client's body failing (it left mid-upload) ends the upstream request too; a bodiless request has no body to fail.
      if (body) req.once('error', () => upstream.destroy());
    },
    ws: (req, socket, head, target, tenant) => {
      socket.on('error', () => socket.destroy());
      wsProxy.ws(req, socket, head, { target }, (error: Error, failed: IncomingMessage, client: ServerResponse | Duplex) => fail(error, failed, client, tenant));
    },
    close: () => {
      wsProxy.close();
      agent.destroy();
    },
  };
}

/** How long each broker connection may stay idle in the pool, from its broker's Keep-Alive hint (issue 13: read once per connection). */
const idleLimits = new WeakMap<net.Socket, number>();

/**
 * The keep-alive pool towards brokers. Issue 13 (target 2): Node's own agent, with the work it does
 * per request that the profile showed moved to once per connection: TCP keep-alive and no-delay are
 * set when the connection is made, and the broker's Keep-Alive hint is read from the first answer's
 * raw headers (Node's keepSocketAlive builds the answer's `headers` object for it on every request).
 */
function upstreamAgent(connectTimeoutMs: number): http.Agent {
  // Per broker at most 256 connections; 32 idle ones kept (a broker closes its own after 5 s idle).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32 });
  // Issue 12: upstreams are container addresses. One whose container just died drops connection attempts
  // instead of refusing them; without a limit such a request would wait for the upstream timeout.
  agent.createConnection = (options) =>
    limitConnectTime(net.createConnection({ ...(options as net.TcpNetConnectOpts), noDelay: true, keepAlive: true, keepAliveInitialDelay: 1000 }), connectTimeoutMs);
  agent.keepSocketAlive = (duplex) => {
    const socket = duplex as net.Socket; // made by createConnection above
    socket.unref();
    // Like Node's: a second before the broker's announced idle timeout, so a reused connection is not one it is closing.
    const idleMs = idleLimits.get(socket) ?? 0;
    if (socket.timeout !== idleMs) socket.setTimeout(idleMs);
    return idleMs !== KEEP_ALIVE_TOO_SHORT;
  };
  return agent;
}

/** A broker's hint that leaves under a second: the connection is not reused (as Node's agent does). */
const KEEP_ALIVE_TOO_SHORT = -1;

/** Relays the broker's answer: status and raw headers (hop-by-hop ones left out), then the body as it comes. */
function relay(answer: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
  if (!idleLimits.has(answer.socket)) idleLimits.set(answer.socket, idleLimitOf(answer.rawHeaders));
  res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseRawHeaders(answer.rawHeaders, req.httpVersionMinor === 0 && req.httpVersionMajor === 1));
  // Not pipe(): its listeners on both streams cost more than the chunks of a broker's answer (issue 13); backpressure kept.
  answer.on('data', (chunk: Buffer) => {
    if (!res.write(chunk)) {
      answer.pause();
      res.once('drain', () => answer.resume());
    }
  });
  answer.once('end', () => res.end());
  // A broker that dies mid-answer: the client's connection is cut rather than left waiting.
  answer.once('error', () => res.destroy());
}

/** The idle time a broker's `Keep-Alive: timeout=<s>` allows its pooled connection, less a second; 0 (no limit) without one. */
function idleLimitOf(rawHeaders: readonly string[]): number {
  const hint = headerValue(rawHeaders, 'keep-alive');
  const seconds = hint === undefined ? undefined : /^timeout=(\d+)/.exec(hint)?.[1];
  if (seconds === undefined) return 0;
  const idleMs = Number(seconds) * 1000 - 1000;
  return idleMs > 0 ? idleMs : KEEP_ALIVE_TOO_SHORT;
}

/**
 * Whether a failed request may be sent once more on a new connection: it went out on a reused
 * keep-alive socket that the upstream closed before answering (a broker closes its idle sockets on
 * SIGTERM, e.g. during a rolling upgrade: issue 12), and it has no body, so it can be sent again.
 * Node's documentation recommends exactly this retry (`request.reusedSocket`).
 */
function mayRetry(req: IncomingMessage, res: ServerResponse, upstream: http.ClientRequest, body: boolean): boolean {
  const bodiless = (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') && !body;
  return bodiless && upstream.reusedSocket && !res.headersSent && !res.destroyed;
}

function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' });
}

/** Destroys `socket` when it has not connected within `timeoutMs`; the request on it then fails with ECONNECTTIMEOUT. */
function limitConnectTime(socket: net.Socket, timeoutMs: number): net.Socket {
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error(`no connection within ${timeoutMs / 1000} s`), { code: 'ECONNECTTIMEOUT' }));
  }, timeoutMs);
  socket.once('connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
  return socket;
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
