import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { forbiddenAddressKind } from './address-safety.js';

/** A rendered webhook request, ready to send. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Names in lower case, in sending order. */
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
  lookup?: (host: string) => Promise<LookupAddress[]>;
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((done, fail) => dnsLookup(host, { all: true }, (error, addresses) => (error ? fail(error) : done(addresses))));

/**
 * Resolves the host and, unless it is trusted, refuses when any address is internal; then connects to
 * the checked address itself, so that a second DNS answer (rebinding) cannot swap it.
 */
export async function deliver(request: OutgoingRequest, options: DeliveryOptions): Promise<DeliveredResponse> {
  const host = request.url.hostname.replace(/^\[|\]$/g, '');
  const addresses = await (options.lookup ?? resolveAll)(host);
  const chosen = addresses[0];
  if (!chosen) throw new WebhookRefusedError(`The host ${host} did not resolve to any address.`);
  if (!options.trustedHost) {
    for (const { address } of addresses) {
      const kind = forbiddenAddressKind(address);
      if (kind) {
        throw new WebhookRefusedError(
          `Webhook request to ${host} refused: it resolves to ${address}, a ${kind} address. Webhooks may only reach internal addresses when the host is in the webhook host whitelist (PACT_BROKER_WEBHOOK_HOST_WHITELIST).`,
        );
      }
    }
  }
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [chosen]);
    else callback(null, chosen.address, chosen.family);
  };
  return send(request, pinned, options.timeoutMs);
}

function send(request: OutgoingRequest, lookup: LookupFunction, timeoutMs: number): Promise<DeliveredResponse> {
  const client = request.url.protocol === 'https:' ? https : http;
  return new Promise((done, fail) => {
    const outgoing = client.request(request.url, { method: request.method, headers: request.headers, lookup, timeout: timeoutMs }, (response) => {
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
    outgoing.on('timeout', () => outgoing.destroy(new Error(`No answer within ${timeoutMs} ms`)));
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}
