import { timestamps, pacticipantsUrl, pacticipantUrl, urlEncode } from '../hal/index.js';
import type { HalLink } from '../hal/index.js';
import type { RequestTemplate, Webhook, WebhookPacticipant } from './webhook-model.js';
import { includesParameter, renderWithPlaceholder } from './template.js';
import { parseWebhookUrl } from './webhook-url.js';
import { webhookExecutionUrl, webhooksUrl, webhookUrl } from './webhook-urls.js';

const REDACTED = '**********';
const HEADERS_TO_REDACT = [/authorization/i, /token/i];

/** The description, else {@link requestDescription} (RB `Webhook#display_description`). */
export function displayDescription(webhook: Pick<Webhook, 'description' | 'request'>): string {
  if (webhook.description && webhook.description.trim() !== '') return webhook.description;
  return requestDescription(webhook.request);
}

/** `POST host` (RB `WebhookRequestTemplate#description`). */
export function requestDescription(request: Pick<RequestTemplate, 'method' | 'url'>): string {
  const host = parseWebhookUrl(renderWithPlaceholder(request.url))?.url.hostname ?? '';
  return `${request.method.toUpperCase()} ${host}`;
}

/** Header values that look like credentials, unless they are only a template parameter's reference (RB `redacted_headers`). */
export function redactedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, HEADERS_TO_REDACT.some((pattern) => pattern.test(name)) && !includesParameter(value) ? REDACTED : value]),
  );
}

function decorateRequest(request: RequestTemplate): Record<string, unknown> {
  const headers = redactedHeaders(request.headers);
  const body: Record<string, unknown> = { method: request.method, url: request.url };
  if (Object.keys(headers).length > 0) body.headers = headers;
  if (request.body !== undefined) body.body = request.body;
  if (request.username !== null) body.username = request.username;
  if (request.password !== null) body.password = includesParameter(request.password) ? request.password : REDACTED;
  return body;
}

/** The webhook resource (RB `webhook_decorator.rb`): credentials redacted. */
export function decorateWebhook(webhook: Webhook, baseUrl: string): Record<string, unknown> {
  const body: Record<string, unknown> = { uuid: webhook.uuid, description: displayDescription(webhook) };
  if (webhook.consumer) body.consumer = webhook.consumer;
  if (webhook.provider) body.provider = webhook.provider;
  body.enabled = webhook.enabled;
  body.request = decorateRequest(webhook.request);
  body.events = webhook.events.map((name) => ({ name }));
  Object.assign(body, timestamps({ created_at: webhook.createdAt, updated_at: webhook.updatedAt }));
  body._links = webhookLinks(webhook, baseUrl);
  return body;
}

function webhookLinks(webhook: Webhook, baseUrl: string): Record<string, HalLink> {
  const links: Record<string, HalLink> = {
    self: { title: displayDescription(webhook), href: webhookUrl(baseUrl, webhook.uuid) },
    'pb:execute': {
      title: 'Test the execution of the webhook with the latest matching pact or verification by sending a POST request to this URL',
      href: webhookExecutionUrl(baseUrl, webhook.uuid),
    },
  };
  Object.assign(links, pacticipantLinks('consumer', webhook.consumer, baseUrl), pacticipantLinks('provider', webhook.provider, baseUrl));
  const consumerName = webhook.consumer?.name;
  const providerName = webhook.provider?.name;
  if (consumerName !== undefined && providerName !== undefined) {
    links['pb:pact-webhooks'] = {
      title: `All webhooks for consumer ${consumerName} and provider ${providerName}`,
      href: `${webhooksUrl(baseUrl)}/provider/${urlEncode(providerName)}/consumer/${urlEncode(consumerName)}`,
    };
  }
  links['pb:webhooks'] = { title: 'All webhooks', href: webhooksUrl(baseUrl) };
  return links;
}

function pacticipantLinks(role: 'consumer' | 'provider', pacticipant: WebhookPacticipant | null, baseUrl: string): Record<string, HalLink> {
  const title = role === 'consumer' ? 'Consumer' : 'Provider';
  if (pacticipant?.name !== undefined) return { [`pb:${role}`]: { title, name: pacticipant.name, href: pacticipantUrl(baseUrl, pacticipant.name) } };
  if (pacticipant?.label !== undefined) {
    const href = `${pacticipantsUrl(baseUrl)}/label/${urlEncode(pacticipant.label)}`;
    return { [`pb:${role}s`]: { title: `${title}s by label`, name: pacticipant.label, href } };
  }
  return {};
}

/** RB `Webhook#scope_description`. */
function scopeDescription({ consumer, provider }: Webhook): string {
  const name = (side: WebhookPacticipant, plural: string, other: WebhookPacticipant | null) =>
    side.name ?? `${other ? `${plural} ` : ''}labeled '${side.label ?? ''}'`;
  if (consumer && provider) return `A webhook for the pact between ${name(consumer, 'consumers', provider)} and ${name(provider, 'providers', consumer)}`;
  if (provider) return `A webhook for all pacts with provider ${name(provider, 'providers', consumer)}`;
  if (consumer) return `A webhook for all pacts with consumer ${name(consumer, 'consumers', provider)}`;
  return 'A webhook for all pacts';
}

/** A list of webhooks (RB `webhooks_decorator.rb`): links only, no embedded resources. */
export function decorateWebhooks(webhooks: readonly Webhook[], baseUrl: string, resourceUrl: string, title: string): unknown {
  return {
    _links: {
      self: { title, href: resourceUrl },
      'pb:create': { title: 'POST to create a webhook', href: resourceUrl },
      'pb:webhooks': webhooks.map((webhook) => ({ title: scopeDescription(webhook), name: displayDescription(webhook), href: webhookUrl(baseUrl, webhook.uuid) })),
      curies: [{ name: 'pb', href: `${baseUrl}/doc/webhooks-{rel}`, templated: true }],
    },
  };
}
