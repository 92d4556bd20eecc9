import type { Db } from '../db/index.js';
import { PACT_BROKER_COMPATIBLE_VERSION } from '../http/index.js';
import { findTagNamesOfVersion } from '../versions/index.js';
import { findVerificationOfPactVersion } from '../verifications/index.js';
import { hostMatchesWhitelist } from './host-whitelist.js';
import { cgiEscape, render, type TemplateParameters } from './template.js';
import { deliver, WebhookRefusedError, type DeliveredResponse, type OutgoingRequest } from './webhook-delivery.js';
import { redactRequest, redactResponse, redactSecrets, resolveSecrets } from './webhook-secrets.js';
import { redactedHeaders } from './webhook-decorator.js';
import { headersShown } from './sent-headers.js';
import type { RequestTemplate, WebhookInput } from './webhook-model.js';
import { findLastBranchName, findLatestPactFor } from './webhook-pact-repository.js';
import { PLACEHOLDER_PACT, templateParameters, type PactForWebhook } from './webhook-parameters.js';
import { VERIFICATION_EVENT_NAMES, type WebhookSettings } from './webhook-settings.js';

/** The outcome of one webhook execution (RB `WebhookExecutionResult`). */
export interface ExecutionResult {
  /** The request as sent, and its answer, with the values of the secrets it used redacted. */
  request: OutgoingRequest;
  response?: DeliveredResponse;
  error?: Error;
  logs: string;
  success: boolean;
  /** Whether response details and errors may be shown: only when the operator whitelisted hosts. */
  showResponse: boolean;
}

export interface ExecutionContext {
  db: Db;
  settings: WebhookSettings;
  baseUrl: string;
  clock: () => Date;
}

/** The Ruby broker's text where response details are withheld. */
export const responseHiddenMessage = (baseUrl: string) =>
  `For security purposes, the response details are not logged. To enable response logging, configure the webhook_host_whitelist property. See ${baseUrl}/doc/webhooks#whitelist for more information.`;

/** Runs a webhook once against the latest matching pact (RB `TriggerService#test_execution`), with event name `test`. */
export async function testExecution(webhook: WebhookInput, uuid: string | undefined, context: ExecutionContext): Promise<ExecutionResult> {
  const { pact, verification } = await latestMatching(context.db, webhook);
  const parameters = templateParameters(context.baseUrl, pact, verification, 'test');
  return executeRequest(webhook.request, parameters, context, {
    uuid,
    eventContext: { base_url: context.baseUrl, event_name: 'test' },
    failureMessage: 'Webhook execution failed',
  });
}

/** How an execution's log begins and ends (RB `webhook_request_logger.rb` options). */
export interface ExecutionLogOptions {
  uuid: string | undefined;
  eventContext: Record<string, unknown>;
  successMessage?: string;
  failureMessage: string;
}

/**
 * Renders the template with the parameters and the `${user.*}` secrets, delivers it (safety check,
 * timeout) and logs the exchange; what it shows has the secrets' values redacted (team issue 14).
 */
export async function executeRequest(
  template: RequestTemplate,
  parameters: TemplateParameters,
  context: ExecutionContext,
  logOptions: ExecutionLogOptions,
): Promise<ExecutionResult> {
  const secrets = await resolveSecrets(context.db, context.settings.secretsKey, template);
  const request = buildRequest(template, { ...parameters, ...secrets.parameters });
  const showResponse = context.settings.hostWhitelist.length > 0;
  let response: DeliveredResponse | undefined;
  let error: Error | undefined;
  try {
    if (secrets.error) throw secrets.error;
    const trustedHost = showResponse && hostMatchesWhitelist(request.url.hostname, context.settings.hostWhitelist);
    response = await deliver(request, { timeoutMs: context.settings.deliveryTimeoutMs, trustedHost, ownEndpoints: context.settings.ownEndpoints() });
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  }
  const success = response !== undefined && response.status >= 200 && response.status <= 206;
  const logs = redactSecrets(executionLogs({ request, response, error, success, showResponse }, logOptions, context), secrets.values);
  return { request: redactRequest(request, secrets.values), response: response && redactResponse(response, secrets.values), error, logs, success, showResponse };
}

async function latestMatching(db: Db, webhook: WebhookInput) {
  // A side chosen by label matches no pact by name: the placeholder pact stands in, as RB's does.
  const byLabel = (webhook.consumer?.label ?? webhook.provider?.label) !== undefined;
  const row = byLabel ? undefined : await findLatestPactFor(db, webhook.consumer?.name, webhook.provider?.name);
  if (!row) return { pact: PLACEHOLDER_PACT, verification: undefined };
  const pact: PactForWebhook = {
    consumerName: row.consumerName,
    providerName: row.providerName,
    consumerVersionNumber: row.consumerVersionNumber,
    consumerVersionTags: await findTagNamesOfVersion(db, row.consumerVersionId),
    consumerVersionBranch: await findLastBranchName(db, row.consumerVersionId),
    sha: row.sha,
  };
  const wantsVerification = webhook.events.some((name) => VERIFICATION_EVENT_NAMES.includes(name));
  const verification = wantsVerification ? await findVerificationOfPactVersion(db, row.pactVersionId, 'latest') : undefined;
  return { pact, verification };
}

/** Renders the template (RB `WebhookRequestTemplate#build`): URL parameters CGI-escaped, the rest as they are. */
export function buildRequest(template: RequestTemplate, parameters: TemplateParameters): OutgoingRequest {
  const url = new URL(render(template.url, parameters, cgiEscape));
  const headers: Record<string, string> = { accept: '*/*', 'user-agent': `Pact Broker v${PACT_BROKER_COMPATIBLE_VERSION}` };
  for (const [name, value] of Object.entries(template.headers)) headers[name] = render(value, parameters);
  if (template.username !== null) {
    const credentials = `${render(template.username, parameters)}:${render(template.password ?? '', parameters)}`;
    headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  const bodyText = template.body === undefined ? undefined : typeof template.body === 'string' ? template.body : JSON.stringify(template.body);
  const body = bodyText === undefined ? undefined : render(bodyText, parameters);
  return { method: template.method.toUpperCase(), url, headers, body };
}

type LogInput = Pick<ExecutionResult, 'request' | 'response' | 'error' | 'success' | 'showResponse'>;

/** The execution's log text (RB `webhook_request_logger.rb`): `[time] LEVEL: message` lines, credentials redacted. */
function executionLogs(
  { request, response, error, success, showResponse }: LogInput,
  { uuid, eventContext, successMessage, failureMessage }: ExecutionLogOptions,
  { baseUrl, clock }: Pick<ExecutionContext, 'baseUrl' | 'clock'>,
): string {
  const time = clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lines: string[] = [];
  const log = (level: string, message: string) => lines.push(`[${time}] ${level}: ${message}\n`);
  log('DEBUG', `Webhook context ${JSON.stringify(eventContext)}`);
  log('INFO', `HTTP/1.1 ${request.method} ${request.url.toString()}`);
  for (const [name, value] of Object.entries(redactedHeaders(headersShown(request, { response, error })))) log('INFO', `${name}: ${value}`);
  if (request.body !== undefined) log('INFO', request.body);
  if (response && showResponse) {
    log('INFO', `HTTP/${response.httpVersion} ${response.status} ${response.statusText}`);
    for (const [name, value] of Object.entries(response.headers)) log('INFO', `${name}: ${value}`);
    log('INFO', response.body);
  } else if (response) {
    log('INFO', responseHiddenMessage(baseUrl));
  }
  // The platform's own refusal reveals nothing about the target, so it is always shown.
  if (error instanceof WebhookRefusedError) log('ERROR', error.message);
  else if (error && showResponse) log('ERROR', `Error executing webhook ${uuid ?? ''} ${error.name} - ${error.message}`);
  else if (error) log('ERROR', `Error executing webhook ${uuid ?? ''}. ${responseHiddenMessage(baseUrl)}`);
  if (success && successMessage !== undefined) log('INFO', successMessage);
  if (!success) log('INFO', failureMessage);
  return lines.join('');
}
