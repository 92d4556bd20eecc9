import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = any>(): T;
}

/**
 * A request to the gateway with an explicit Host header: Node cannot resolve `*.localhost`
 * without nss-myhostname, and the Host header is all the gateway routes on.
 */
export function httpRequest(
  port: number,
  options: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: string | Buffer; address?: string },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        agent: false,
        headers: { Host: options.host ?? `localhost:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Every `href` anywhere in a JSON document. */
export function allHrefs(document: unknown): string[] {
  if (Array.isArray(document)) return document.flatMap(allHrefs);
  if (typeof document !== 'object' || document === null) return [];
  return Object.entries(document).flatMap(([key, value]) =>
    key === 'href' && typeof value === 'string' ? [value] : allHrefs(value),
  );
}
