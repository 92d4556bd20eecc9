/**
 * Issue 13 (target 2): node-proxy-floor-server.ts with undici as the upstream client instead of
 * http.request (`undici-proxy-floor-server.ts <upstream host:port> <port>`): http.createServer, an undici
 * Pool (keep-alive, pipelining 1) dispatching with a handler that writes the answer to the Node response.
 * The bench runs both floors in the same rounds, so the client's share of Node's cost is measured alone.
 */
import http from 'node:http';
import { Pool } from 'undici';

const pool = new Pool(`http://${process.argv[2] ?? ''}`, { connections: 256, pipelining: 1 });
http
  .createServer((req, res) => {
    let resume = () => undefined as void;
    pool.dispatch({ method: req.method as 'GET', path: req.url ?? '/', headers: req.rawHeaders }, {
      onConnect: () => undefined,
      onHeaders: (status, rawHeaders, resumeAnswer, statusText) => {
        res.writeHead(status, statusText, rawHeaders.map((header) => header.toString('latin1')));
        resume = resumeAnswer;
        return true;
      },
      // false pauses the answer until the client drains (backpressure)
      onData: (chunk) => res.write(chunk) || (res.once('drain', resume), false),
      onComplete: () => res.end(),
      onError: () => res.destroy(),
    });
  })
  .listen(Number(process.argv[3]), '127.0.0.1');
