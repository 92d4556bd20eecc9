import { headersShown, requestUri } from './sent-headers.js';
import { redactedHeaders } from './webhook-decorator.js';
import { responseHiddenMessage, type ExecutionResult } from './webhook-execution.js';
import { webhookUrl } from './webhook-urls.js';

function jsonOrText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The answer of `POST /webhooks/{uuid}/execute` (RB `webhook_execution_result_decorator.rb`): the error
 * and response only when the host whitelist is set, else the message saying why they are withheld.
 * The request as its Ruby `HttpRequestWithRedactedHeaders` shows it: headers as sent, credentials
 * redacted, `url` the path and query (team issue 14, item 3).
 */
export function decorateExecutionResult(result: ExecutionResult, uuid: string | undefined, baseUrl: string, resourceUrl: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (result.showResponse && result.error) body.error = { message: result.error.message };
  const headers = redactedHeaders(headersShown(result.request, result));
  body.request = { headers, body: jsonOrText(result.request.body), url: requestUri(result.request.url) };
  if (result.showResponse && result.response) {
    body.response = { status: result.response.status, headers: result.response.headers, body: jsonOrText(result.response.body) };
  }
  if (!result.showResponse) body.message = responseHiddenMessage(baseUrl);
  body.logs = result.logs;
  body.success = result.success;
  body._links = {
    ...(uuid === undefined ? {} : { webhook: { href: webhookUrl(baseUrl, uuid) } }),
    'try-again': { title: 'Execute the webhook again', href: resourceUrl },
  };
  return body;
}
