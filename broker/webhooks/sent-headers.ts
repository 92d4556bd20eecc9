import type { DeliveredResponse, OutgoingRequest } from './webhook-delivery.js';

/** Errors of deliveries that failed after their connection was made (the request was being sent or answered). */
const failedWhileConnected = new WeakSet<Error>();

/** Notes that the delivery failing with `error` had connected, so its request got the send-time headers. */
export function markFailedAfterConnecting(error: Error): void {
  failedWhileConnected.add(error);
}

/**
 * The Ruby broker's Net::HTTP request gets `host`, `content-length` and (with a body but no content
 * type) `content-type: application/x-www-form-urlencoded` only when it is sent, after the headers it
 * was built with (accept, user-agent, the template's, authorization); its execution logs and result
 * show the request after execution, so in that order, and without them when it never connected
 * (team issue 14, item 3; Ruby `domain/webhook_request.rb`, net/http's `begin_transport` and
 * `send_request_with_body`).
 */
export function headersAsSent(request: OutgoingRequest): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers, host: request.url.host };
  if (request.body === undefined) return headers;
  headers['content-length'] = String(Buffer.byteLength(request.body));
  headers['content-type'] ??= 'application/x-www-form-urlencoded';
  return headers;
}

/** The headers an execution shows: as sent once the connection was made (an answer came, or it failed later), else as built. */
export function headersShown(request: OutgoingRequest, outcome: { response?: DeliveredResponse; error?: Error }): Record<string, string> {
  const connected = outcome.response !== undefined || (outcome.error !== undefined && failedWhileConnected.has(outcome.error));
  return connected ? headersAsSent(request) : request.headers;
}

/** The request's path and query: what the Ruby result's `request.url` shows, its Net::HTTP request being made from `uri.request_uri`. */
export function requestUri(url: URL): string {
  return `${url.pathname}${url.search}`;
}
