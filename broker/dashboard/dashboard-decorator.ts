import { formatTime, integrationPactsUrl, pacticipantUrl, pactUrl, tagUrl, versionUrl } from '../hal/index.js';
import type { DashboardItem } from './dashboard-service.js';

/**
 * `GET /dashboard` (RB `dashboard_decorator.rb`): the items, most recent activity first. Webhook
 * status is always "none" there: `find_index_items_for_api` gives its items no webhooks.
 */
export function decorateDashboard(items: readonly DashboardItem[], baseUrl: string): { items: Record<string, unknown>[] } {
  const byActivity = [...items].sort((a, b) => Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt));
  return { items: byActivity.map((item) => decorateItem(item, baseUrl)) };
}

function decorateItem(item: DashboardItem, baseUrl: string): Record<string, unknown> {
  const { pact, verification } = item;
  const { consumerName, providerName, consumerVersionNumber } = pact;
  const latestPactUrl = pactUrl(baseUrl, { consumerName, providerName, consumerVersionNumber });
  return {
    consumer: {
      name: consumerName,
      version: {
        number: consumerVersionNumber,
        branch: item.consumerBranchHeads.at(-1) ?? null,
        headBranchNames: item.consumerBranchHeads,
        _links: { self: { href: versionUrl(baseUrl, consumerName, consumerVersionNumber) } },
      },
      _links: { self: { href: pacticipantUrl(baseUrl, consumerName) } },
    },
    provider: {
      name: providerName,
      version: verification
        ? { number: verification.providerVersionNumber, branch: item.providerBranchHeads.at(-1) ?? null, headBranchNames: item.providerBranchHeads }
        : null,
      _links: { self: { href: pacticipantUrl(baseUrl, providerName) } },
    },
    pact: { createdAt: formatTime(pact.createdAt), _links: { self: { href: latestPactUrl } } },
    pactTags: [...item.tagNames].sort().map((name) => tag(name, tagUrl(baseUrl, consumerName, consumerVersionNumber, name))),
    // The latest-pact URL rather than the permalink, so that a refreshed page shows the newest result (as the Ruby decorator says).
    latestVerificationResult: verification
      ? { success: verification.successFlag === 1, verifiedAt: formatTime(verification.createdAt), _links: { self: { href: `${latestPactUrl}/verification-results/latest` } } }
      : null,
    latestVerificationResultTags: verification
      ? [...item.providerLatestTags].sort().map((name) => tag(name, tagUrl(baseUrl, providerName, verification.providerVersionNumber, name)))
      : [],
    verificationStatus: item.verificationStatus,
    webhookStatus: 'none',
    latestWebhookExecution: null,
    _links: {
      'pb:webhook-status': {
        title: `Status of webhooks for ${consumerName}/${providerName} pact`,
        href: `${integrationPactsUrl(baseUrl, consumerName, providerName)}/webhooks/status`,
      },
    },
  };
}

function tag(name: string, href: string): Record<string, unknown> {
  return { name, latest: true, _links: { self: { href } } };
}
