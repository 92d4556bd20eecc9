import type { Context } from 'hono';
import { BadRequestError, UnsupportedMediaTypeError } from '../../shared/errors.js';
import type { ConfigureTenantRequest, CreateTenantRequest, MoveRequest, UpgradeRequest } from './contract.js';
import { isJsonMediaType, mediaTypeOf } from './media-types.js';

/**
 * One schema per route with a JSON body (team issue 16): the fields it takes, which are exactly the
 * fields of its contract type (a field missing here or unknown there fails to compile), and the
 * sentence that names them for a request that sends another. The values are checked by the service
 * that owns them (tenant names, runtimes, whitelists …); tokens and cleans have their own parsers
 * (parseTokenRequest, parseCleanRequest), which are their routes' schemas.
 */
export interface BodySchema<T> {
  readonly fields: ReadonlySet<keyof T & string>;
  readonly takes: string;
}

/** A schema over every field of `T`, no more and no fewer. */
function schemaOf<T>() {
  return <const K extends ReadonlyArray<keyof T & string>>(fields: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never), takes: string): BodySchema<T> => ({
    fields: new Set(fields),
    takes,
  });
}

/** `POST /api/tenants`. */
export const CREATE_TENANT = schemaOf<CreateTenantRequest>()(
  ['name', 'runtime', 'webhookHostWhitelist', 'webhookSchemeWhitelist', 'basicAuth', 'maxBodyBytes', 'requireAuth', 'brokerReplicas', 'idleAfter'],
  'a tenant takes "name" and, optionally, "runtime", "webhookHostWhitelist", "webhookSchemeWhitelist", "basicAuth", "maxBodyBytes", "requireAuth", "brokerReplicas" and "idleAfter"',
);
/** `PATCH /api/tenants/<t>` (issue 13): settings that need no restart. */
export const CONFIGURE_TENANT = schemaOf<ConfigureTenantRequest>()(['idleAfter'], 'a tenant\'s settings that can change are: "idleAfter"');
/** `POST /api/tenants/<t>/upgrade` (issue 12). */
export const UPGRADE_TENANT = schemaOf<UpgradeRequest>()(['image'], 'an upgrade takes only "image"');
/** `POST /api/tenants/<t>/move` (issue 12). */
export const MOVE_TENANT = schemaOf<MoveRequest>()(['node'], 'a move takes only "node"');

/** The request's JSON body holding only the schema's fields, their values as sent; a 4xx with a sentence otherwise. */
export async function bodyOf<T>(c: Context, schema: BodySchema<T>): Promise<{ [K in keyof T]?: unknown }> {
  const body = jsonObject(c.req.header('Content-Type'), await c.req.text());
  const unknown = Object.keys(body).filter((key) => !schema.fields.has(key as keyof T & string));
  if (unknown.length > 0) throw new BadRequestError(`Unknown field ${unknown.map((key) => `"${key}"`).join(', ')}; ${schema.takes}.`);
  return body as { [K in keyof T]?: unknown };
}

/** A request body that must be a JSON object (tenant, token and clean requests), refused with a sentence otherwise. */
export function jsonObject(contentType: string | undefined, text: string): Record<string, unknown> {
  if (!isJsonMediaType(mediaTypeOf(contentType))) {
    throw new UnsupportedMediaTypeError('Send the request body as JSON, with "Content-Type: application/json".');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError('The request body must be a JSON object, for example {"name": "acme"}.');
  }
  return body as Record<string, unknown>;
}
