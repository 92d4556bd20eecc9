/**
 * Team issue 13 (target 2): the floor of a gateway that does not use node:http for its clients either, as a
 * process of its own (`raw-http-front-floor-server.ts <upstream host:port> <port>`): net.createServer,
 * requests parsed by http-parser-js, the forwarded headers and the upstream pool of the gateway
 * (gateway/forwarded-headers.ts, gateway/upstream-connections.ts), the answer head written by hand. No
 * routing, checks, errors, timeouts or request bodies: what node:http's server costs beyond this is
 * what such a gateway could save at most.
 */
import net from 'node:net';
import { HTTPParser, type HeaderInfo } from 'http-parser-js';
import { upstreamRawHeaders } from '../gateway/forwarded-headers.js';
import { responseRawHeaders } from '../gateway/raw-headers.js';
import { UpstreamPool } from '../gateway/upstream-connections.js';

const [host, upstreamPort] = (process.argv[2] ?? '').split(':');
const target = { host: host!, port: Number(upstreamPort) };
const pool = new UpstreamPool(5000);
const METHODS = HTTPParser.methods;

net
  .createServer({ noDelay: true }, (socket) => {
    const parser = new HTTPParser(HTTPParser.REQUEST);
    parser[HTTPParser.kOnHeadersComplete] = (info: HeaderInfo) => {
      const method = METHODS[info.method as number]!;
      const headers = upstreamRawHeaders(info.headers, { localPort: socket.localPort ?? 0, remoteAddress: socket.remoteAddress, encrypted: false }, false);
      let head = `${method} ${info.url} HTTP/1.1\r\n`;
      for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
      pool.send(target, head + '\r\n', {
        head: method === 'HEAD',
        onAnswer: (answer) => {
          socket.cork();
          const out = responseRawHeaders(answer.rawHeaders, false);
          let line = `HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n`;
          for (let i = 0; i < out.length; i += 2) line += `${out[i]}: ${out[i + 1]}\r\n`;
          socket.write(line + 'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n');
        },
        onBody: (chunk) => socket.write(chunk),
        onEnd: () => socket.uncork(),
        onError: () => socket.destroy(),
      }, 120_000);
      return 0;
    };
    socket.on('data', (data) => parser.execute(data));
    socket.on('error', () => socket.destroy());
  })
  .listen(Number(process.argv[3]), '127.0.0.1');
