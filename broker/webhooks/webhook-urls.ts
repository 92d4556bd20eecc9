/** The resource paths of webhooks, absolute under `baseUrl` (RB `pact_broker_urls.rb`). */

export const webhooksUrl = (baseUrl: string) => `${baseUrl}/webhooks`;

export const webhookUrl = (baseUrl: string, uuid: string) => `${webhooksUrl(baseUrl)}/${uuid}`;

export const webhookExecutionUrl = (baseUrl: string, uuid: string) => `${webhookUrl(baseUrl, uuid)}/execute`;

export const triggeredWebhookLogsUrl = (baseUrl: string, uuid: string) => `${baseUrl}/triggered-webhooks/${uuid}/logs`;
