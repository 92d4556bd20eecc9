import { formatTime, integrationPactsUrl, pacticipantUrl, pactUrl } from '../hal/index.js';
import { STATUS, requestDescription, triggeredWebhookLogsUrl, webhookUrl } from '../webhooks/index.js';

/** One latest triggered webhook of the integration, as the status resource reads it. */
export interface TriggeredWebhookStatus {
  uuid: string;
  webhookUuid: string;
  status: string;
  triggerType: string;
  eventName: string;
  createdAt: string;
  request: { method: string; url: string };
  executions: number;
  /** The consumer version of the pact that triggered it, if that publication still exists. */
  consumerVersionNumber: string | null;
}

/** What the status decorator names: the path's names, the resource's URL and how many attempts a delivery gets. */
export interface WebhooksStatusContext {
  consumerName: string;
  providerName: string;
  baseUrl: string;
  resourceUrl: string;
  maxAttempts: number;
}

/** `GET /pacts/provider/{p}/consumer/{c}/webhooks/status` (RB `pact_webhooks_status_decorator.rb`). */
export function decorateWebhooksStatus(triggered: readonly TriggeredWebhookStatus[], context: WebhooksStatusContext): Record<string, unknown> {
  const { consumerName, providerName, baseUrl } = context;
  const [first] = triggered;
  const pactVersion =
    first?.consumerVersionNumber == null
      ? {}
      : {
          'pb:pact-version': {
            href: pactUrl(baseUrl, { consumerName, providerName, consumerVersionNumber: first.consumerVersionNumber }),
            title: 'Pact',
            name: `Pact between ${consumerName} (${first.consumerVersionNumber}) and ${providerName}`,
          },
        };
  return {
    summary: summary(triggered),
    _embedded: { triggeredWebhooks: triggered.map((row) => decorateTriggeredWebhook(row, context)) },
    _links: {
      self: { href: context.resourceUrl, title: 'Webhooks status' },
      'pb:error-logs': triggered
        .filter((row) => row.status === STATUS.failure || row.status === STATUS.retrying)
        .map((row) => ({ href: triggeredWebhookLogsUrl(baseUrl, row.uuid), title: 'Error logs', name: requestDescription(row.request) })),
      'pb:pact-webhooks': {
        title: `Webhooks for the pact between ${consumerName} and ${providerName}`,
        href: `${integrationPactsUrl(baseUrl, consumerName, providerName)}/webhooks`,
      },
      ...pactVersion,
      'pb:consumer': { href: pacticipantUrl(baseUrl, consumerName), title: 'Consumer', name: consumerName },
      'pb:provider': { href: pacticipantUrl(baseUrl, providerName), title: 'Provider', name: providerName },
    },
  };
}

/** Counts by status; `successful` and `failed` always, `retrying` and `notRun` only when there are some (their properties have no default). */
function summary(triggered: readonly TriggeredWebhookStatus[]): Record<string, number> {
  const count = (status: string) => triggered.filter((row) => row.status === status).length;
  const counts: Record<string, number> = { successful: count(STATUS.success), failed: count(STATUS.failure) };
  if (count(STATUS.retrying) > 0) counts.retrying = count(STATUS.retrying);
  if (count(STATUS.notRun) > 0) counts.notRun = count(STATUS.notRun);
  return counts;
}

/** RB `triggered_webhook_decorator.rb`: attempts made are its executions; a finished one has none left. */
function decorateTriggeredWebhook(row: TriggeredWebhookStatus, { baseUrl, maxAttempts }: WebhooksStatusContext): Record<string, unknown> {
  const name = requestDescription(row.request);
  const finished = row.status === STATUS.success || row.status === STATUS.failure;
  return {
    name,
    status: row.status,
    attemptsMade: row.executions,
    attemptsRemaining: finished ? 0 : maxAttempts - row.executions,
    triggerType: row.triggerType,
    eventName: row.eventName,
    triggeredAt: formatTime(row.createdAt),
    _links: {
      'pb:logs': { href: triggeredWebhookLogsUrl(baseUrl, row.uuid), title: 'Webhook execution logs', name },
      logs: { href: triggeredWebhookLogsUrl(baseUrl, row.uuid), title: 'DEPRECATED - Use pb:logs', name },
      'pb:webhook': { href: webhookUrl(baseUrl, row.webhookUuid), title: 'Webhook', name },
    },
  };
}
