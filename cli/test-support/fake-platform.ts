import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: http.IncomingMessage, body: Buffer, response: http.ServerResponse) => void;

/**
 * A stand-in for the platform's REST API on a loopback port, only for faults the real platform
 * cannot be made to show on demand (a backup stream that breaks in the middle, an HTML error page
 * from a proxy in front of it). Everything else is tested against the real control plane
 * (served-platform.ts).
 */
export async function fakePlatform(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
