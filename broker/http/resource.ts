import type { Handler, Hono } from 'hono';
import type { BrokerEnv } from './broker-env.js';
import { methodNotAllowed } from './http-error.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Registers one resource the webmachine way: its handlers per method, OPTIONS answering the allowed
 * methods, and 405 with `Allow` for any other method on a path that exists.
 */
export function resource(app: Hono<BrokerEnv>, path: string, handlers: Partial<Record<Method, Handler<BrokerEnv>>>): void {
  const allowed = [...(Object.keys(handlers) as Method[]), 'OPTIONS'];
  for (const [method, handler] of Object.entries(handlers)) app.on(method, path, handler);
  app.options(path, (c) => c.body(null, 200, { 'Access-Control-Allow-Methods': allowed.join(', ') }));
  app.all(path, () => {
    throw methodNotAllowed(allowed);
  });
}
