import type { Db } from '../db/index.js';
import { SecretDecryptionError, secretValues } from '../secrets/index.js';
import { cgiEscape, type TemplateParameters } from './template.js';
import { WebhookRefusedError, type DeliveredResponse, type OutgoingRequest } from './webhook-delivery.js';
import type { RequestTemplate } from './webhook-model.js';

/** What a secret's value becomes wherever an execution shows it (PactFlow's text). */
export const REDACTED_SECRET = '********';

const SECRET_REFERENCE = /\$\{user\.([^}]+)\}/g;

/** A webhook not sent because a secret it uses is missing or cannot be decrypted: its log says which (team issue 14). */
export class WebhookSecretError extends WebhookRefusedError {
  override name = 'WebhookSecretError';
}

/** The `${user.NAME}` parameters of an execution and the values to redact from what it shows; `error` when one cannot be had. */
export interface ResolvedSecrets {
  parameters: TemplateParameters;
  values: string[];
  error?: WebhookSecretError;
}

/** The names of the secrets the template uses, in URL, headers, body and basic-auth credentials. */
export function secretNamesIn(template: RequestTemplate): string[] {
  const body = typeof template.body === 'string' || template.body === undefined ? (template.body ?? '') : JSON.stringify(template.body);
  const texts = [template.url, ...Object.values(template.headers), body, template.username ?? '', template.password ?? ''];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(SECRET_REFERENCE)].map((match) => match[1] ?? '')))];
}

/** Decrypts the secrets the template uses with the broker's key. */
export async function resolveSecrets(db: Db, key: Buffer | undefined, template: RequestTemplate): Promise<ResolvedSecrets> {
  const names = secretNamesIn(template);
  if (names.length === 0) return { parameters: {}, values: [] };
  const refused = (message: string): ResolvedSecrets => ({ parameters: {}, values: [], error: new WebhookSecretError(`Webhook not sent: ${message}`) });
  if (!key) return refused(`it uses \${user.${names[0] ?? ''}}, and this broker has no secrets key (PACT_BROKER_SECRETS_KEY), so it has no secrets.`);
  let found: Map<string, string>;
  try {
    found = await secretValues(db, key, names);
  } catch (error) {
    if (error instanceof SecretDecryptionError) return refused(error.message);
    throw error;
  }
  const missing = names.filter((name) => !found.has(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `\${user.${name}}`).join(', ');
    return refused(`it uses ${list}, and this broker has no secret named ${missing.join(', ')} (see /secrets).`);
  }
  return { parameters: Object.fromEntries([...found].map(([name, value]) => [`user.${name}`, value])), values: [...found.values()] };
}

/** The text with every secret value (as sent, and as a URL carries it) replaced by {@link REDACTED_SECRET}. */
export function redactSecrets(text: string, values: readonly string[]): string {
  const forms = [...new Set(values.flatMap((value) => [value, cgiEscape(value), encodeURIComponent(value)]))].filter((form) => form !== '');
  // Longest first: a value inside another is not left half-replaced.
  return forms.sort((a, b) => b.length - a.length).reduce((redacted, form) => redacted.split(form).join(REDACTED_SECRET), text);
}

/** The sent request as an execution result may show it: secret values redacted from URL, headers and body. */
export function redactRequest(request: OutgoingRequest, values: readonly string[]): OutgoingRequest {
  if (values.length === 0) return request;
  const redact = (text: string) => redactSecrets(text, values);
  return { ...request, url: new URL(redact(request.url.toString())), headers: redactValues(request.headers, values), body: request.body === undefined ? undefined : redact(request.body) };
}

/** The answer as an execution result may show it: a target that echoes the request does not reveal the secrets. */
export function redactResponse(response: DeliveredResponse, values: readonly string[]): DeliveredResponse {
  if (values.length === 0) return response;
  return { ...response, headers: redactValues(response.headers, values), body: redactSecrets(response.body, values) };
}

function redactValues(headers: Record<string, string>, values: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redactSecrets(value, values)]));
}
