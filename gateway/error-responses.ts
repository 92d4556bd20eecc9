import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface GatewayProblem {
  status: number;
  title: string;
  detail: string;
  retryAfterSeconds?: number;
  /** Close the connection after the answer: the request's framing cannot be trusted (RFC 9112 §9.6). */
  closeConnection?: boolean;
}

/** How long a refused connection stays open after its answer, so the client reads it before the close (no RST). */
const LINGER_MS = 2_000;

/** Answers with problem+json for API clients and a short HTML page for browsers. */
export function sendGatewayProblem(req: IncomingMessage, res: ServerResponse, problem: GatewayProblem): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (problem.retryAfterSeconds !== undefined) headers['Retry-After'] = String(problem.retryAfterSeconds);
  if (problem.closeConnection) headers.Connection = 'close';
  if (prefersHtml(req.headers.accept)) {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    res.writeHead(problem.status, headers).end(htmlPage(problem));
    return;
  }
  headers['Content-Type'] = 'application/problem+json';
  res.writeHead(problem.status, headers).end(problemJson(problem));
}

/** Answers on the raw socket (a refused upgrade, a request Node could not parse) and closes the connection. */
export function endSocketWithProblem(socket: Duplex, problem: GatewayProblem): void {
  const body = problemJson(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  closeAfterLinger(socket);
}

/**
 * Ends the connection once the client has had time to read what was sent: destroying a socket with
 * unread input makes the kernel send RST, and the client may lose the answer with it.
 */
export function closeAfterLinger(socket: Duplex): void {
  if (!socket.writableEnded) socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function problemJson(problem: GatewayProblem): string {
  return JSON.stringify({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail });
}

/** Browsers put text/html first; API clients (pact CLI, curl, fetch) do not. */
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.search(/application\/([\w.+-]*\+)?json/);
  return html !== -1 && (json === -1 || html < json);
}

function htmlPage(problem: GatewayProblem): string {
  const text = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${problem.status} ${text(problem.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}code{background:#f3f3f3;padding:0 .2em}</style></head>
<body><h1>${problem.status} · ${text(problem.title)}</h1><p>${text(problem.detail)}</p>
<p><a href="/">Pact Broker SafS</a></p></body></html>`;
}
