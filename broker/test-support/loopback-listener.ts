import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on one loopback address that counts every TCP connection (a TLS handshake
 * counts too) and answers each request 200 with keep-alive: the webhook guard's tests assert
 * that it received nothing.
 */
export class LoopbackListener {
  connections = 0;
  requests: string[] = [];
  /** Each request's headers and body, for tests of what a webhook sent. */
  received: { headers: IncomingHttpHeaders; body: string }[] = [];
  private readonly server: Server = createServer((request, response) => {
    this.requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('reached');
    });
  });

  constructor(readonly host: string) {
    this.server.on('connection', () => (this.connections += 1));
  }

  /** Listens on `port` (0: any free one) and answers the port bound. */
  async start(port = 0): Promise<number> {
    await new Promise<void>((done, fail) => {
      this.server.once('error', fail);
      this.server.listen(port, this.host, done);
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}
