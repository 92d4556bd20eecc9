import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeAfterLinger, endSocketWithProblem, type GatewayProblem } from './error-responses.js';
import { badRequest, MAX_HEADER_BYTES, MAX_URL_BYTES, URI_TOO_LONG } from './request-problems.js';

/** What Node's HTTP parser reports: llhttp's reason and the chunk it failed on. */
export interface ClientError extends NodeJS.ErrnoException {
  reason?: string;
  rawPacket?: Buffer;
}

/** An HTTP server's socket: Node keeps the response in flight on it here (undocumented; its own clientError default reads it). */
type ServerSocket = Duplex & { _httpMessage?: ServerResponse | null };

// Sockets already answered or closing: llhttp reports its error again for every chunk that follows.
const closing = new WeakSet<Duplex>();

/**
 * The gateway's `clientError` listener (issue 11, defect 9): a request Node could not parse gets the
 * status RFC 9112 asks for with a sentence, and the connection closes. A socket error (the client
 * reset the connection) has nobody to answer; neither has a socket whose answer cannot be written.
 */
export function answerClientError(error: ClientError, socket: ServerSocket): void {
  if (closing.has(socket)) return;
  closing.add(socket);
  const problem = clientErrorProblem(error);
  if (!problem || !socket.writable) {
    socket.destroy();
    return;
  }
  const inFlight = socket._httpMessage;
  if (inFlight && (inFlight.headersSent || inFlight.req.complete)) {
    // An answer has begun, or belongs to an earlier pipelined request: a status line now would read
    // as its answer, so it finishes and the connection closes. (An unanswered request whose own body
    // is malformed, a bad chunk size, gets the 400 below.)
    if (inFlight.writableFinished) closeAfterLinger(socket);
    else inFlight.once('finish', () => closeAfterLinger(socket));
    return;
  }
  endSocketWithProblem(socket, problem);
}

/** The answer to a parser error; undefined for socket errors, which are not the request's fault. */
export function clientErrorProblem(error: ClientError): GatewayProblem | undefined {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return error.rawPacket && requestTargetTooLong(error.rawPacket)
        ? URI_TOO_LONG
        : { status: 431, title: 'Request Header Fields Too Large', detail: `The request's header section is larger than ${MAX_HEADER_BYTES / 1024} KB.` };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, title: 'Content Too Large', detail: "The request body's chunk extensions are too large." };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, title: 'Request Timeout', detail: 'The request did not arrive in full in time.' };
  }
  if (!error.code?.startsWith('HPE_')) return undefined;
  return badRequest(`The request is not valid HTTP/1.1: ${error.reason ?? error.code} (RFC 9112).`);
}

const REQUEST_LINE_START = /^[A-Za-z-]{1,20} ([^ \r\n]*)/;

/**
 * Node counts the request line into the header size, so an overflow may be a long URL: it is when
 * the packet it failed on starts the request and the target runs past the URL limit. (A URL whose
 * start came in an earlier packet cannot be told from a large header: that one gets 431.)
 */
function requestTargetTooLong(packet: Buffer): boolean {
  const start = REQUEST_LINE_START.exec(packet.toString('latin1', 0, MAX_URL_BYTES + 32));
  return start !== null && start[1]!.length > MAX_URL_BYTES;
}
