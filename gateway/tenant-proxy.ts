import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import httpProxy from 'http-proxy';
import type { Logger } from '../shared/logger.js';
import { endSocketWithProblem, sendGatewayProblem, type GatewayProblem } from './error-responses.js';
import { hasRequestBody, responseRawHeaders } from './raw-headers.js';
import { CONNECTIONS_PER_BROKER, idleLimitOf, limitConnectTime, UpstreamPool, type Exchange, type PooledExchange } from './upstream-connections.js';

type Target = { host: string; port: number };

/** What the tenant is sent instead of the client's request line and headers: its own path, the forwarded raw header list. */
export interface UpstreamRequest {
  path: string;
  rawHeaders: string[];
}

export interface TenantProxyOptions {
  /** How long a broker may take to answer (and a request may wait for a connection): then 504. */
  upstreamTimeoutMs?: number;
  /** How long connecting to a broker may take: then 502. */
  connectTimeoutMs?: number;
  /** Per broker at most this many connections for each kind of request (with a body, without); more wait their turn. */
  connectionsPerBroker?: number;
}

/** Proxies requests to tenants in other processes over pooled keep-alive connections. */
export interface TenantProxy {
  /** Sends `upstream` with the client's method and body; `req` itself is left as the client sent it (its error answers read its Accept). */
  web(req: IncomingMessage, res: ServerResponse, target: { host: string; port: number }, tenant: string, upstream: UpstreamRequest): void;
  ws(req: IncomingMessage, socket: Duplex, head: Buffer, target: { host: string; port: number }, tenant: string): void;
  close(): void;
}

/**
 * Issue 13 (target 2): requests without a body (most of them) go over the gateway's own keep-alive connections
 * (upstream-connections.ts); requests with a body through Node's http.request; the headers as raw lists both
 * ways. The profile of http-proxy's path showed its per-request option merging, header objects and passes
 * (bench/results.md). WebSocket upgrades, which are rare, still go through http-proxy.
 */
export function createTenantProxy(logger: Logger, options: TenantProxyOptions = {}): TenantProxy {
  const { upstreamTimeoutMs = 120_000, connectTimeoutMs = 5000, connectionsPerBroker = CONNECTIONS_PER_BROKER } = options;
  const agent = upstreamAgent(connectTimeoutMs, connectionsPerBroker);
  const pool = new UpstreamPool(connectTimeoutMs, connectionsPerBroker);
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

  /** A request with a body: Node's client frames it (a chunked upload arrives decoded). It is never sent twice. */
  function sendWithBody(req: IncomingMessage, res: ServerResponse, target: Target, tenant: string, forward: UpstreamRequest): void {
    const { path, rawHeaders } = forward;
    const upstream = http.request({ agent, host: target.host, port: target.port, method: req.method, path, headers: rawHeaders, timeout: upstreamTimeoutMs }, (answer) =>
      relay(answer, req, res),
    );
    upstream.once('timeout', () => upstream.destroy(timeoutError(upstreamTimeoutMs)));
    // A request fails once; later errors of its socket change nothing.
    upstream.once('error', (error) => fail(error, req, res, tenant));
    // The client left before the whole answer, or its body failed (it left mid-upload): the broker stops too.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.once('error', () => upstream.destroy());
    req.pipe(upstream);
  }

  /** A request without a body, over a connection of the pool (team issue 13, target 2). */
  function sendBodiless(req: IncomingMessage, res: ServerResponse, target: Target, tenant: string, forward: UpstreamRequest, retried: boolean): void {
    // The callbacks run once the pool has it, never during send().
    let pooled: PooledExchange | undefined;
    const exchange: Exchange = {
      head: req.method === 'HEAD',
      onAnswer: (answer) => res.writeHead(answer.statusCode, answer.statusMessage, responseRawHeaders(answer.rawHeaders, isHttp10(req))),
      onBody: (chunk) => res.write(chunk) || (res.once('drain', () => pooled?.resume()), false),
      onEnd: () => res.end(),
      onError: (error) => {
        if (!retried && pooled?.reused && mayRetry(req, res)) sendBodiless(req, res, target, tenant, forward, true);
        else fail(error, req, res, tenant);
      },
    };
    pooled = pool.send(target, requestHead(req.method ?? 'GET', forward), exchange, upstreamTimeoutMs);
    // The client left before the whole answer: the broker stops sending it too (or never gets a request still waiting).
    res.once('close', () => {
      if (!res.writableFinished) pooled.abandon();
    });
  }

  return {
    web: (req, res, target, tenant, forward) => {
      if (hasRequestBody(req.rawHeaders)) sendWithBody(req, res, target, tenant, forward);
      else sendBodiless(req, res, target, tenant, forward, false);
    },
    ws: (req, socket, head, target, tenant) => {
      socket.on('error', () => socket.destroy());
      wsProxy.ws(req, socket, head, { target }, (error: Error, failed: IncomingMessage, client: ServerResponse | Duplex) => fail(error, failed, client, tenant));
    },
    close: () => {
      wsProxy.close();
      agent.destroy();
      pool.close();
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
function upstreamAgent(connectTimeoutMs: number, connectionsPerBroker: number): http.Agent {
  // 32 idle connections kept per broker (a broker closes its own after 5 s idle).
  const agent = new http.Agent({ keepAlive: true, maxSockets: connectionsPerBroker, maxFreeSockets: 32 });
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
    return idleMs >= 0;
  };
  return agent;
}

/** Relays the broker's answer: status and raw headers (hop-by-hop ones left out), then the body as it comes. */
function relay(answer: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
  if (!idleLimits.has(answer.socket)) idleLimits.set(answer.socket, idleLimitOf(answer.rawHeaders));
  res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseRawHeaders(answer.rawHeaders, isHttp10(req)));
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

/**
 * Whether a request that failed on a reused keep-alive connection may be sent once more on a new one: the broker
 * closed it before answering (a broker closes its idle connections on SIGTERM, e.g. during a rolling upgrade:
 * issue 12), the method is safe to repeat and nothing of an answer has gone to the client yet.
 */
function mayRetry(req: IncomingMessage, res: ServerResponse): boolean {
  return (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') && !res.headersSent && !res.destroyed;
}

/** The request line and headers as the broker gets them. */
function requestHead(method: string, { path, rawHeaders }: UpstreamRequest): string {
  let head = `${method} ${path} HTTP/1.1\r\n`;
  for (let i = 0; i < rawHeaders.length; i += 2) head += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  return head + '\r\n';
}

function isHttp10(req: IncomingMessage): boolean {
  return req.httpVersionMajor === 1 && req.httpVersionMinor === 0;
}

function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' });
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
