/**
 * Team issue 13 (target 2): the least any Node proxy can spend per request, as a process of its own
 * (`tcp-pipe-floor-server.ts <upstream host:port> <port>`): each client connection gets its own connection
 * to the broker and bytes are copied both ways as they come, with no HTTP parsing at all. No gateway can
 * be cheaper than this in Node: it is the event loop, the streams and the system calls alone.
 */
import net from 'node:net';

const [host, upstreamPort] = (process.argv[2] ?? '').split(':');
net
  .createServer({ noDelay: true }, (client) => {
    const upstream = net.createConnection({ host, port: Number(upstreamPort), noDelay: true });
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  })
  .listen(Number(process.argv[3]), '127.0.0.1');
