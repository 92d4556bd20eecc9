import { isObject } from '../http/index.js';
import type { WebhookRecord, WebhookValues } from './webhook-repository.js';
import { DEFAULT_WEBHOOK_EVENT } from './webhook-settings.js';

/** A webhook's consumer or provider: by name, or by label. */
export interface WebhookPacticipant {
  name?: string;
  label?: string;
}

/** The request a webhook sends, before its `${pactbroker.*}` parameters are rendered. */
export interface RequestTemplate {
  method: string;
  url: string;
  /** Names in lower case, as Rack::Headers keeps them. */
  headers: Record<string, string>;
  /** A JSON value, a string sent as is, or undefined for no body. */
  body: unknown;
  username: string | null;
  password: string | null;
}

/** What a valid webhook body describes. */
export interface WebhookInput {
  description: string | null;
  consumer: WebhookPacticipant | null;
  provider: WebhookPacticipant | null;
  enabled: boolean;
  request: RequestTemplate;
  events: string[];
}

export interface Webhook extends WebhookInput {
  uuid: string;
  createdAt: string;
  updatedAt: string;
}

/** Reads a body the contract accepted; events default to `contract_content_changed` (RB WebhookDecorator#from_json). */
export function webhookInput(body: Record<string, unknown>): WebhookInput {
  const events = Array.isArray(body.events) ? (body.events as { name: string }[]).map((event) => event.name) : [DEFAULT_WEBHOOK_EVENT];
  return {
    description: typeof body.description === 'string' ? body.description : null,
    consumer: pacticipantInput(body.consumer),
    provider: pacticipantInput(body.provider),
    enabled: typeof body.enabled === 'boolean' ? body.enabled : true,
    request: requestInput(body.request as Record<string, unknown>),
    events,
  };
}

function pacticipantInput(value: unknown): WebhookPacticipant | null {
  if (!isObject(value)) return null;
  const present = (text: unknown) => (typeof text === 'string' && text.trim() !== '' ? text : undefined);
  const name = present(value.name);
  const label = present(value.label);
  return { ...(name === undefined ? {} : { name }), ...(label === undefined ? {} : { label }) };
}

function requestInput(request: Record<string, unknown>): RequestTemplate {
  const headers: Record<string, string> = {};
  if (isObject(request.headers)) {
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    method: request.method as string,
    url: request.url as string,
    headers,
    body: request.body === null ? undefined : request.body,
    username: text(request.username),
    password: text(request.password),
  };
}

/** Row values of a webhook; consumer and provider ids are the named pacticipants' (labels are kept as text). */
export function webhookValues(input: WebhookInput, consumerId: number | null, providerId: number | null): WebhookValues {
  const { request } = input;
  const isJson = request.body !== undefined && typeof request.body !== 'string';
  return {
    description: input.description,
    method: request.method,
    url: request.url,
    headers: Object.keys(request.headers).length === 0 ? null : JSON.stringify(request.headers),
    body: request.body === undefined ? null : isJson ? JSON.stringify(request.body) : (request.body as string),
    is_json_request_body: isJson ? 1 : 0,
    username: request.username,
    password: request.password === null ? null : Buffer.from(request.password, 'utf8').toString('base64'),
    enabled: input.enabled ? 1 : 0,
    consumer_id: consumerId,
    provider_id: providerId,
    consumer_label: input.consumer?.label ?? null,
    provider_label: input.provider?.label ?? null,
  };
}

export function toWebhook(record: WebhookRecord, events: readonly string[]): Webhook {
  const pacticipant = (name: string | null, label: string | null): WebhookPacticipant | null =>
    name === null && label === null ? null : { ...(name === null ? {} : { name }), ...(label === null ? {} : { label }) };
  return {
    uuid: record.uuid,
    description: record.description,
    consumer: pacticipant(record.consumer_name, record.consumer_label),
    provider: pacticipant(record.provider_name, record.provider_label),
    enabled: record.enabled === 1,
    request: {
      method: record.method,
      url: record.url,
      headers: record.headers === null ? {} : (JSON.parse(record.headers) as Record<string, string>),
      body: record.body === null ? undefined : record.is_json_request_body === 1 ? (JSON.parse(record.body) as unknown) : record.body,
      username: record.username,
      password: record.password === null ? null : Buffer.from(record.password, 'base64').toString('utf8'),
    },
    events: [...events],
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}
