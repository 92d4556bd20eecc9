import type { Context } from 'hono';

/** Per-request values the routes read: set once by the app's first middleware. */
export interface BrokerEnv {
  Variables: {
    baseUrl: string;
  };
}

export type BrokerContext = Context<BrokerEnv>;

export const HAL_JSON = 'application/hal+json;charset=utf-8';
export const PLAIN_JSON = 'application/json;charset=utf-8';
export const PROBLEM_JSON = 'application/problem+json;charset=utf-8';

/** A path parameter of the matched route; absent only if a route declares it wrongly. */
export function pathParam(c: BrokerContext, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new Error(`Route has no path parameter "${name}"`);
  return value;
}

/** The query string as the client sent it, without the `?`: nested keys (`q[][pacticipant]`) need their own parser. */
export function rawQuery(c: BrokerContext): string {
  return new URL(c.req.url).search.slice(1);
}

/** A JSON response with the content type every API resource of the Ruby broker produces. */
export function halJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return halJsonText(JSON.stringify(body), status, headers);
}

/** {@link halJson} of a body serialized already. */
export function halJsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'content-type': HAL_JSON, ...headers } });
}
