import net from 'node:net';

/** What came back for raw bytes: the status of the first answer, or null when the socket closed without one. */
export interface RawAnswer {
  status: number | null;
  text: string;
}

/**
 * Sends `bytes` as they are (no HTTP client in between, so malformed requests stay malformed) and
 * collects what comes back until the server closes or `waitMs` passes.
 */
export function sendRaw(port: number, bytes: string | Buffer, waitMs = 3_000, address = '127.0.0.1'): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: address, port });
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? null : Number(status), text });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => socket.write(bytes));
  });
}
