/** Webhooks' face (team issue 16, item 2): routes, the worker, settings, and the queries other folders read. */
export type { ListeningEndpoint } from './own-endpoints.js';
export { STATUS, countUndelivered, findLatestTriggeredWebhooks, findWebhooksToTrigger } from './triggered-webhook-repository.js';
export { prefersText, triggeredWebhookRoutes } from './triggered-webhook-routes.js';
export { requestDescription } from './webhook-decorator.js';
export { webhookRoutes } from './webhook-routes.js';
export { DEFAULT_WEBHOOK_SETTINGS } from './webhook-settings.js';
export type { WebhookSettings } from './webhook-settings.js';
export { webhookTriggers } from './webhook-triggers.js';
export { triggeredWebhookLogsUrl, webhookUrl } from './webhook-urls.js';
export { DEFAULT_RETRY_SCHEDULE_SECONDS, startWebhookWorker } from './webhook-worker.js';
