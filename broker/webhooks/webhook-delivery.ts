import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { embeddedIPv4, forbiddenAddressKind } from './address-safety.js';
import { unbracket } from './host-whitelist.js';
import { reachesOwnEndpoint, type ListeningEndpoint } from './own-endpoints.js';
import { headersAsSent, markFailedAfterConnecting } from './sent-headers.js';

/** A rendered webhook request, ready to send. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Names in lower case, as built; sending adds host and body headers ({@link headersAsSent}). */
  headers: Record<string, string>;
  body: string | undefined;
}

export interface DeliveredResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Record<string, string>;
  body: string;
}

/** A delivery the platform refused before connecting: the text says why. */
export class WebhookRefusedError extends Error {
  override name = 'WebhookRefusedError';
}

export interface DeliveryOptions {
  timeoutMs: number;
  /** The host is whitelisted by the operator: internal addresses are allowed. */
  trustedHost: boolean;
  /** Where the server answering for this broker listens: never reached, trusted host or not (issue 11). */
  ownEndpoints: readonly ListeningEndpoint[];
  lookup?: (host: string) => Promise<LookupAddress[]>;
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((done, fail) => dnsLookup(host, { all: true }, (error, addresses) => (error ? fail(error) : done(addresses))));

/**
 * Resolves the host (an IP literal is its own and only address) and refuses when any address may not be
 * reached; then connects to the checked address itself, so that a second DNS answer (rebinding) cannot
 * swap it. Every refusal comes before any connection, so it reads the same whatever listens on the port.
 */
export async function deliver(request: OutgoingRequest, options: DeliveryOptions): Promise<DeliveredResponse> {
  const { protocol, hostname } = request.url;
  const host = unbracket(hostname);
  if (protocol !== 'http:' && protocol !== 'https:') throw new WebhookRefusedError(`Webhook request to ${host} refused: only http and https URLs are delivered.`);
  const family = isIP(host);
  const addresses = family === 0 ? await (options.lookup ?? resolveAll)(host) : [{ address: host, family }];
  const chosen = addresses[0];
  if (!chosen) throw new WebhookRefusedError(`The host ${host} did not resolve to any address.`);
  const port = Number(request.url.port || (protocol === 'https:' ? 443 : 80));
  for (const { address } of addresses) {
    const problem = refusal(address, port, options);
    if (problem) throw new WebhookRefusedError(`Webhook request to ${host} refused: ${problem}`);
  }
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [chosen]);
    else callback(null, chosen.address, chosen.family);
  };
  return send(request, pinned, options.timeoutMs);
}

/** Why this address may not be reached, or undefined. Special-purpose first: a port scan of loopback learns nothing. */
function refusal(address: string, port: number, { trustedHost, ownEndpoints }: DeliveryOptions): string | undefined {
  const kind = trustedHost ? undefined : forbiddenAddressKind(address);
  if (kind) {
    const inner = embeddedIPv4(address);
    return `it resolves to ${address}${inner ? ` (IPv4 ${inner})` : ''}, a ${kind} address. Webhooks may only reach internal addresses when the host is in the webhook host whitelist (PACT_BROKER_WEBHOOK_HOST_WHITELIST).`;
  }
  if (reachesOwnEndpoint(address, port, ownEndpoints)) {
    return `port ${port} of ${address} is where this broker's own server listens (the platform's gateway), which webhooks never reach, whatever the webhook host whitelist says.`;
  }
  return undefined;
}

function send(request: OutgoingRequest, lookup: LookupFunction, timeoutMs: number): Promise<DeliveredResponse> {
  const client = request.url.protocol === 'https:' ? https : http;
  // No shared agent: a pooled keep-alive socket is connected to whatever address an earlier delivery
  // (another tenant's, with another whitelist) checked, not the one checked now.
  let connected = false;
  return new Promise((done, fail) => {
    const outgoing = client.request(request.url, { method: request.method, headers: headersAsSent(request), lookup, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        done({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          httpVersion: response.httpVersion,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.on('socket', (socket) => socket.once(request.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => (connected = true)));
    outgoing.on('timeout', () => outgoing.destroy(new Error(`No answer within ${timeoutMs} ms`)));
    outgoing.on('error', (error) => {
      if (connected) markFailedAfterConnecting(error);
      fail(error);
    });
    outgoing.end(request.body);
  });
}
