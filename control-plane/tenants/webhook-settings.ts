import { BadRequestError } from '../../shared/errors.js';

/** Where a tenant's broker may send webhooks (issue: Webhooks, item 5). */
export interface WebhookSettings {
  /** Hosts (names, IPs, CIDR ranges, `*.` patterns) webhooks may reach; empty: any public host. */
  hostWhitelist: string[];
  schemeWhitelist: string[];
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { hostWhitelist: [], schemeWhitelist: ['https'] };

const SCHEMES = new Set(['http', 'https']);

/** The settings a create request asks for, validated; defaults for what it leaves out. */
export function parseWebhookSettings(hosts: unknown, schemes: unknown): WebhookSettings {
  const hostWhitelist = hosts === undefined ? DEFAULT_WEBHOOK_SETTINGS.hostWhitelist : stringList('webhookHostWhitelist', hosts);
  const schemeWhitelist = schemes === undefined ? DEFAULT_WEBHOOK_SETTINGS.schemeWhitelist : stringList('webhookSchemeWhitelist', schemes);
  for (const host of hostWhitelist) {
    if (/\s|\/\//.test(host)) throw new BadRequestError(`"webhookHostWhitelist" takes host names or addresses, not URLs; "${host}" is not one.`);
  }
  for (const scheme of schemeWhitelist) {
    if (!SCHEMES.has(scheme)) throw new BadRequestError(`"webhookSchemeWhitelist" may contain "http" and "https"; "${scheme}" is not allowed.`);
  }
  return { hostWhitelist, schemeWhitelist };
}

function stringList(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    throw new BadRequestError(`"${field}" must be a list of non-empty strings, for example ["ci.example.com"].`);
  }
  return value.map((item: string) => item.trim());
}
