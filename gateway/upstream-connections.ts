import net from 'node:net';
import { HTTPParser, type HeaderInfo } from 'http-parser-js';
import { headerValue } from './forwarded-headers.js';

/**
 * Team issue 13 (target 2): keep-alive connections to brokers of our own for requests without a body. The
 * request head goes out as one string and the answer is parsed by http-parser-js; Node's `http.request`
 * (its ClientRequest, agent, parser and answer objects and their events) cost about twice the CPU of this
 * per proxied request (bench/results.md, "raw upstream connections"), most of what the gateway spends.
 */

/** The broker's answer line and headers (raw list). */
export interface UpstreamAnswer {
  statusCode: number;
  statusMessage: string;
  rawHeaders: string[];
}

/** One request's side of a connection: told of the answer as it is parsed, or of the failure. */
export interface Exchange {
  /** A HEAD request: its answer has no body whatever its headers say. */
  head: boolean;
  onAnswer(answer: UpstreamAnswer): void;
  /** False when the client is not reading fast enough: the connection then waits for `resume()`. */
  onBody(chunk: Buffer): boolean;
  onEnd(): void;
  onError(error: NodeJS.ErrnoException): void;
}

type Target = { host: string; port: number };

/** A broker's Keep-Alive hint under a second, or an answer that ends its connection: the connection is not kept. */
const KEEP_ALIVE_TOO_SHORT = -1;
/** Per broker at most this many idle connections are kept while no request waits (a broker closes its own after 5 s idle). */
const MOST_IDLE = 32;

/** A keep-alive connection to one broker, one exchange at a time. */
export class UpstreamConnection {
  /** Whether it served an exchange before this one: a request failing on it may be sent again on a new one. */
  reused = false;
  private exchange: Exchange | undefined;
  private idleMs: number | undefined;
  private readonly parser = new HTTPParser(HTTPParser.RESPONSE);

  constructor(
    private readonly socket: net.Socket,
    private readonly release: (connection: UpstreamConnection, idleMs: number) => void,
    private readonly gone: (connection: UpstreamConnection) => void,
  ) {
    this.parser[HTTPParser.kOnHeadersComplete] = (info: HeaderInfo) => this.onHeaders(info);
    this.parser[HTTPParser.kOnBody] = (chunk: Buffer, offset: number, length: number) => {
      if (this.exchange?.onBody(chunk.subarray(offset, offset + length)) === false) socket.pause();
    };
    this.parser[HTTPParser.kOnMessageComplete] = () => this.onComplete();
    socket.on('data', (data: Buffer) => {
      // Bytes while no request waits for them: the broker is out of step with us.
      if (this.exchange === undefined) socket.destroy();
      else this.parse(() => this.parser.execute(data));
    });
    socket.on('end', () => this.parse(() => this.parser.finish()));
    socket.on('timeout', () => this.fail(Object.assign(new Error(this.exchange ? 'no answer in time' : 'idle'), { code: 'ETIMEDOUT' })));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      this.gone(this);
      this.fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    });
  }

  /** Sends the request head; `timeoutMs` without a byte from the broker fails the exchange. */
  send(head: string, exchange: Exchange, timeoutMs: number): void {
    this.exchange = exchange;
    this.socket.ref();
    this.socket.setTimeout(timeoutMs);
    this.socket.write(head);
  }

  resume(): void {
    this.socket.resume();
  }

  /** The client left mid-answer: the rest of it cannot be skipped on a kept connection, so the connection ends. */
  abandon(exchange: Exchange): void {
    if (this.exchange !== exchange) return;
    this.exchange = undefined;
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Keeps the connection idle for `idleMs` (0: no limit) without holding the process open. */
  idle(idleMs: number): void {
    this.reused = true;
    this.socket.setTimeout(idleMs);
    this.socket.unref();
  }

  private onHeaders(info: HeaderInfo): number {
    // 1xx answers are interim: the final one follows on the same connection.
    if (info.statusCode < 200) return 1;
    // A second answer within one chunk of bytes: out of step, as above.
    if (this.exchange === undefined) {
      this.socket.destroy();
      return 1;
    }
    this.idleMs ??= idleLimitOf(info.headers);
    if (!info.shouldKeepAlive) this.idleMs = KEEP_ALIVE_TOO_SHORT;
    this.exchange.onAnswer({ statusCode: info.statusCode, statusMessage: info.statusMessage, rawHeaders: info.headers });
    // http-parser-js leaves it to us which answers have no body (RFC 9110 §6.4.1).
    return this.exchange.head || info.statusCode === 204 || info.statusCode === 304 ? 1 : 0;
  }

  private onComplete(): void {
    const exchange = this.exchange;
    if (!exchange) return;
    this.exchange = undefined;
    exchange.onEnd();
    if (this.idleMs === KEEP_ALIVE_TOO_SHORT || this.socket.destroyed) this.socket.destroy();
    else this.release(this, this.idleMs ?? 0);
  }

  /** Runs the parser; its errors (and those of the callbacks it calls) fail the exchange. */
  private parse(step: () => number | Error | void): void {
    let result: number | Error | void;
    try {
      result = step();
    } catch (error) {
      result = error as Error;
    }
    if (result instanceof Error) this.fail(Object.assign(result, { code: (result as NodeJS.ErrnoException).code ?? 'HPE_INVALID' }));
  }

  private fail(error: NodeJS.ErrnoException): void {
    const exchange = this.exchange;
    this.exchange = undefined;
    this.socket.destroy();
    exchange?.onError(error);
  }
}

/** Per broker at most this many connections for requests without a body, as Node's agent allows those with one; more wait their turn. */
export const CONNECTIONS_PER_BROKER = 256;

/** A request given to the pool: sent on one of its connections, or waiting for one. */
export interface PooledExchange {
  /** Whether it went out on a connection that served an exchange before: a request failing on one may be sent again on a new one. */
  readonly reused: boolean;
  /** The client drained: the broker's answer flows again. */
  resume(): void;
  /** The client left: a waiting request is never sent, a sent one's connection ends (the rest of its answer cannot be skipped). */
  abandon(): void;
}

/** A request waiting for a connection: it fails as an unanswered one would when its time runs out. */
interface Waiter {
  head: string;
  exchange: Exchange;
  timeoutMs: number;
  timer: NodeJS.Timeout;
  pooled: PooledRequest;
}

/**
 * A request in the pool. A class, not an object literal with a getter: such a literal gets a hidden
 * class of its own each time, and at one per request that garbage cost the gateway a third more CPU.
 */
class PooledRequest implements PooledExchange {
  connection: UpstreamConnection | undefined;
  waiter: Waiter | undefined;

  constructor(
    private readonly exchange: Exchange,
    private readonly broker: BrokerConnections,
  ) {}

  get reused(): boolean {
    return this.connection?.reused ?? false;
  }

  resume(): void {
    this.connection?.resume();
  }

  abandon(): void {
    if (this.connection) return this.connection.abandon(this.exchange);
    if (this.waiter) stopWaiting(this.broker, this.waiter);
  }
}

/** Takes a request out of its broker's queue (when its time ran out or its client left). */
function stopWaiting(broker: BrokerConnections, waiter: Waiter): void {
  clearTimeout(waiter.timer);
  const at = broker.waiting.indexOf(waiter);
  if (at !== -1) broker.waiting.splice(at, 1);
}

/** One broker's connections: those idle (newest last), how many are open in all, the requests waiting for one. */
interface BrokerConnections {
  idle: UpstreamConnection[];
  open: number;
  waiting: Waiter[];
}

/**
 * Keep-alive connections to brokers: idle ones reused newest first, new ones made with a connect time limit,
 * at most `connectionsPerBroker` open per broker (a flood of clients is not passed on as a flood of connections).
 */
export class UpstreamPool {
  private readonly brokers = new Map<string, BrokerConnections>();

  constructor(
    private readonly connectTimeoutMs: number,
    private readonly connectionsPerBroker = CONNECTIONS_PER_BROKER,
  ) {}

  /** Sends `head` for `exchange` on a connection to `target`, at once or when one is free; `timeoutMs` bounds the wait and the answer each. */
  send(target: Target, head: string, exchange: Exchange, timeoutMs: number): PooledExchange {
    const broker = this.brokerOf(target);
    const pooled = new PooledRequest(exchange, broker);
    const connection = this.connectionFor(target, broker);
    if (connection) {
      pooled.connection = connection;
      connection.send(head, exchange, timeoutMs);
      return pooled;
    }
    const waiter: Waiter = {
      head,
      exchange,
      timeoutMs,
      timer: setTimeout(() => {
        stopWaiting(broker, waiter);
        exchange.onError(Object.assign(new Error('no free connection to the broker in time'), { code: 'ETIMEDOUT' }));
      }, timeoutMs),
      pooled,
    };
    pooled.waiter = waiter;
    broker.waiting.push(waiter);
    return pooled;
  }

  close(): void {
    const brokers = [...this.brokers.values()];
    this.brokers.clear();
    for (const broker of brokers) {
      for (const connection of [...broker.idle]) connection.destroy();
      for (const waiter of broker.waiting.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.exchange.onError(Object.assign(new Error('the gateway is closing'), { code: 'ECONNRESET' }));
      }
    }
  }

  private brokerOf(target: Target): BrokerConnections {
    const key = keyOf(target);
    let broker = this.brokers.get(key);
    if (!broker) {
      broker = { idle: [], open: 0, waiting: [] };
      this.brokers.set(key, broker);
    }
    return broker;
  }

  /** An idle connection, else a new one while the broker has fewer than its share open, else none. */
  private connectionFor(target: Target, broker: BrokerConnections): UpstreamConnection | undefined {
    const kept = broker.idle.pop();
    if (kept) return kept;
    if (broker.open >= this.connectionsPerBroker) return undefined;
    broker.open += 1;
    // Issue 12: upstreams are container addresses. One whose container just died drops connection attempts
    // instead of refusing them; without a limit such a request would wait for the upstream timeout.
    const socket = limitConnectTime(net.createConnection({ host: target.host, port: target.port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 1000 }), this.connectTimeoutMs);
    return new UpstreamConnection(
      socket,
      (connection, idleMs) => {
        if (broker.idle.length >= MOST_IDLE && broker.waiting.length === 0) return connection.destroy();
        connection.idle(idleMs);
        broker.idle.push(connection);
        this.serveWaiting(target, broker);
      },
      (connection) => {
        broker.open -= 1;
        const at = broker.idle.indexOf(connection);
        if (at !== -1) broker.idle.splice(at, 1);
        // A removed tenant's broker leaves nothing behind.
        if (broker.open === 0 && broker.waiting.length === 0 && this.brokers.get(keyOf(target)) === broker) this.brokers.delete(keyOf(target));
        this.serveWaiting(target, broker);
      },
    );
  }

  /**
   * Gives waiting requests the connections that became free, once the bytes that freed one are parsed
   * (a broker's stray bytes after its answer end that connection instead of reaching the next request).
   */
  private serveWaiting(target: Target, broker: BrokerConnections): void {
    if (broker.waiting.length === 0) return;
    queueMicrotask(() => {
      while (broker.waiting.length > 0) {
        const connection = this.connectionFor(target, broker);
        if (!connection) return;
        const waiter = broker.waiting.shift()!;
        clearTimeout(waiter.timer);
        waiter.pooled.connection = connection;
        connection.send(waiter.head, waiter.exchange, waiter.timeoutMs);
      }
    });
  }
}

function keyOf(target: Target): string {
  return `${target.host}:${target.port}`;
}

/** The idle time a broker's `Keep-Alive: timeout=<s>` allows its connection, less a second (as Node's agent); 0 (no limit) without one. */
export function idleLimitOf(rawHeaders: readonly string[]): number {
  const hint = headerValue(rawHeaders, 'keep-alive');
  const seconds = hint === undefined ? undefined : /^timeout=(\d+)/.exec(hint)?.[1];
  if (seconds === undefined) return 0;
  const idleMs = Number(seconds) * 1000 - 1000;
  return idleMs > 0 ? idleMs : KEEP_ALIVE_TOO_SHORT;
}

/** Destroys `socket` when it has not connected within `timeoutMs`; the request on it then fails with ECONNECTTIMEOUT. */
export function limitConnectTime(socket: net.Socket, timeoutMs: number): net.Socket {
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error(`no connection within ${timeoutMs / 1000} s`), { code: 'ECONNECTTIMEOUT' }));
  }, timeoutMs);
  socket.once('connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
  return socket;
}
