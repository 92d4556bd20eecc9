import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sessionToken } from './admin-session.js';
import { ApiClient, type ApiFetch } from '../api/api-client.js';
import { CONTENT_SECURITY_POLICY } from './layout.js';

/** Answers a whole dashboard page, with the headers every page carries. */
export function page(c: Context, element: JSX.Element, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  // Pages show live state and, once signed in, tenant details: never from a cache.
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  return c.html(html`<!DOCTYPE html>${element}`, status);
}

/** The REST API as this browser may use it: with the admin token of its session, if any. */
export function apiFor(c: Context, fetchApi: ApiFetch): ApiClient {
  return new ApiClient({ fetch: fetchApi, baseUrl: '', token: sessionToken(c) });
}

const BACK = /^\/(tenants\/[a-z0-9-]+)?$/;

/** Where to go after an action: one of the dashboard's own pages, never elsewhere (no open redirect). */
export function backTarget(value: unknown): string {
  return typeof value === 'string' && BACK.test(value) ? value : '/';
}

/**
 * The gateway's address for loopback requests to tenants: the very address and port this request
 * came in on (so it works whichever addresses PACTSAFS_HOST lists), else the request URL's origin.
 */
export function gatewayBase(c: Context): string {
  const env: unknown = c.env;
  const incoming = typeof env === 'object' && env !== null && 'incoming' in env ? env.incoming : undefined;
  const socket = incoming instanceof IncomingMessage ? incoming.socket : undefined;
  if (socket?.localAddress && socket.localPort) {
    const address = socket.localAddress.replace(/^::ffff:/, '');
    return `http://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
  }
  return new URL(c.req.url).origin;
}
