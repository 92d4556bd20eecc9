/**
 * Issue 13 (target 2): the least a Node proxy does per request, as a process of its own
 * (`node-proxy-floor-server.ts <upstream host:port> <port>`): http.createServer, http.request over a
 * keep-alive agent with the raw header list, the answer piped back; no routing, forwarded headers or checks.
 */
import http from 'node:http';

const [host, upstreamPort] = (process.argv[2] ?? '').split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32 });
http
  .createServer((req, res) => {
    const request = http.request({ agent, host, port: Number(upstreamPort), method: req.method, path: req.url, headers: req.rawHeaders }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    request.end();
  })
  .listen(Number(process.argv[3]), '127.0.0.1');
