import { checkFilledString, checkMaybeString, isProvided, isObject } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';
import { hostMatchesWhitelist } from './host-whitelist.js';
import { WEBHOOK_EVENT_NAMES, type WebhookSettings } from './webhook-settings.js';
import { renderWithPlaceholder } from './template.js';
import { parseWebhookUrl } from './webhook-url.js';

/** RB `webhook_contract.rb` UUID_REGEX. */
export const WEBHOOK_UUID = /^[A-Za-z0-9_-]{16,}$/;

/** What the contract needs besides the body: the settings, and which named pacticipants exist. */
export interface WebhookContractContext {
  settings: WebhookSettings;
  pacticipantExists: (name: string) => boolean;
  /** The uuid of `PUT /webhooks/{uuid}`. */
  uuid?: string;
}

/** Net::HTTP's request classes: what `valid_http_method?` accepts. */
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'];
const WHITELIST_DOC = 'See /doc/webhooks#whitelist for more information.';

/**
 * Validates a webhook body with the Ruby broker's rules and texts (`webhook_contract.rb`,
 * `webhook_pacticipant_contract.rb`, `webhook_request_contract.rb`, locale/en.yml).
 */
export function validateWebhook(body: Record<string, unknown>, context: WebhookContractContext): ValidationErrors {
  const errors: ValidationErrors = {};
  const add = (key: string, message: string | undefined) => {
    if (message !== undefined) (errors[key] ??= []).push(message);
  };
  for (const role of ['consumer', 'provider'] as const) {
    for (const [key, message] of checkPacticipant(body, role, context)) add(key, message);
  }
  if (!('request' in body)) add('request', 'is missing');
  else if (!isObject(body.request)) add('request', body.request === null ? 'must be filled' : 'must be a hash');
  else if (Object.keys(body.request).length === 0) add('request', 'must be filled');
  else for (const [key, message] of checkRequest(body.request, context.settings)) add(`request.${key}`, message);
  for (const message of checkEvents(body.events)) add('events', message);
  if ('enabled' in body) add('enabled', body.enabled === null ? 'must be filled' : typeof body.enabled === 'boolean' ? undefined : 'must be boolean');
  if (context.uuid !== undefined && !WEBHOOK_UUID.test(context.uuid)) {
    add('uuid', 'The UUID can only contain the characters A-Z, a-z, 0-9, _ and -, and must be 16 or more characters.');
  }
  return errors;
}

function checkPacticipant(body: Record<string, unknown>, role: 'consumer' | 'provider', context: WebhookContractContext): [string, string][] {
  const value = body[role];
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return [[role, 'must be a hash']];
  const typeErrors = (['name', 'label'] as const).flatMap((key): [string, string][] => {
    const message = checkMaybeString(value[key]);
    return message === undefined ? [] : [[`${role}.${key}`, message]];
  });
  if (typeErrors.length > 0) return typeErrors;
  const { name, label } = value;
  if (!isProvided(name) && !isProvided(label)) return [[`${role}.name`, 'cannot be blank']];
  if (isProvided(name) && isProvided(label)) return [[`${role}.label`, 'name and label cannot be provided at the same time']];
  if (typeof name === 'string' && isProvided(name) && !context.pacticipantExists(name)) return [[`${role}.name`, 'does not match an existing pacticipant']];
  return [];
}

function checkRequest(request: Record<string, unknown>, settings: WebhookSettings): [string, string][] {
  const errors: [string, string][] = [];
  const method = 'method' in request ? checkFilledString(request.method) : 'is missing';
  const url = 'url' in request ? checkFilledString(request.url) : 'is missing';
  if (method !== undefined) errors.push(['method', method]);
  else errors.push(...checkMethod(request.method as string, settings).map((message): [string, string] => ['method', message]));
  if (url !== undefined) errors.push(['url', url]);
  else errors.push(...checkUrl(request.url as string, settings).map((message): [string, string] => ['url', message]));
  return errors;
}

function checkMethod(method: string, settings: WebhookSettings): string[] {
  if (!HTTP_METHODS.includes(method.toUpperCase())) return ['is not a recognised HTTP method'];
  if (settings.httpMethodWhitelist.some((allowed) => allowed.toLowerCase() === method.toLowerCase())) return [];
  const allowed = settings.httpMethodWhitelist;
  return [allowed.length === 1 ? `must be ${allowed[0] ?? ''}. ${WHITELIST_DOC}` : `must be one of ${allowed.join(', ')}. ${WHITELIST_DOC}`];
}

/** The URL rules, in the Ruby broker's order: each runs only while the earlier ones passed. */
function checkUrl(url: string, settings: WebhookSettings): string[] {
  const parsed = parseWebhookUrl(renderWithPlaceholder(url));
  if (!parsed) return ['is not a valid URL eg. http://example.org'];
  if (parseWebhookUrl(renderWithPlaceholder(url, 'differentplaceholder'))?.host !== parsed.host) return ['cannot have a template parameter in the host'];
  if (!settings.schemeWhitelist.some((scheme) => scheme.toLowerCase() === parsed.scheme)) {
    return [`scheme must be ${settings.schemeWhitelist.join(', ')}. ${WHITELIST_DOC}`];
  }
  if (settings.hostWhitelist.length > 0 && !hostMatchesWhitelist(parsed.host, settings.hostWhitelist)) {
    return [`host must be in the whitelist ${settings.hostWhitelist.map((host) => JSON.stringify(host)).join(', ')}. ${WHITELIST_DOC}`];
  }
  return [];
}

function checkEvents(events: unknown): string[] {
  if (events === undefined || events === null) return [];
  if (!Array.isArray(events)) return ['must be an array'];
  if (events.length === 0) return ['size cannot be less than 1'];
  return events.flatMap((event: unknown, index) => {
    const name = isObject(event) ? event.name : undefined;
    if (name === undefined) return [`name is missing (at index ${index})`];
    if (name === null || name === '') return [`name must be filled (at index ${index})`];
    if (typeof name !== 'string' || !(WEBHOOK_EVENT_NAMES as readonly string[]).includes(name)) {
      return [`name must be one of: ${WEBHOOK_EVENT_NAMES.join(', ')} (at index ${index})`];
    }
    return [];
  });
}
