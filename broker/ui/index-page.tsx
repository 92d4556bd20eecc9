import type { PactStatus } from '../badges/index.js';
import { providerContractUrl, latestPactUrl } from '../hal/index.js';
import { Layout } from './layout.js';
import { RelativeTime } from './relative-time.js';
import type { IndexItem } from './ui-service.js';

/** How each status reads; `name` is the cell's class suffix and `data-status`. */
const STATUS_TEXTS: Record<PactStatus, { name: string; label: string }> = {
  verified: { name: 'success', label: 'success' },
  failed: { name: 'failed', label: 'failed' },
  'failed-pending': { name: 'failed-pending', label: 'failed (pending)' },
  changed: { name: 'changed', label: 'changed since verified' },
  unknown: { name: 'not-verified', label: 'not verified yet' },
};

export interface IndexPageProps {
  items: IndexItem[];
  baseUrl: string;
  now: Date;
}

/** The broker's home page for browsers: one row per integration, as the Ruby broker's index. */
export function IndexPage({ items, baseUrl, now }: IndexPageProps) {
  return (
    <Layout title="Pacts" baseUrl={baseUrl}>
      <h1>Pacts</h1>
      {items.length === 0 ? <GettingStarted baseUrl={baseUrl} /> : null}
      <div class="table-wrap">
        <table class="integrations">
          <thead>
            <tr>
              <th>Consumer</th>
              <th>Provider</th>
              <th>Latest pact</th>
              <th>Latest pact published</th>
              <th>Last verified</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <IntegrationRow item={item} baseUrl={baseUrl} now={now} />
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function IntegrationRow({ item, baseUrl, now }: { item: IndexItem; baseUrl: string; now: Date }) {
  const status = STATUS_TEXTS[item.status];
  const verification = item.lastVerification;
  return (
    <tr class="integration" data-consumer={item.consumerName} data-provider={item.providerName}>
      <td class="consumer">{item.consumerName}</td>
      <td class="provider">
        {item.providerName}
        {item.providerContractVersion === undefined ? null : (
          <>
            {' '}
            <a class="provider-contract-link" href={providerContractUrl(baseUrl, item.providerName, item.providerContractVersion)}>
              Provider contract
            </a>
          </>
        )}
      </td>
      <td class="pact">
        <a class="pact-link" href={latestPactUrl(baseUrl, item.consumerName, item.providerName)}>
          View pact
        </a>{' '}
        <span class="version">{item.consumerVersionNumber}</span>
      </td>
      <td class="published">
        <RelativeTime iso={item.publishedAt} now={now} />
      </td>
      <td class="verified">
        {verification ? (
          <>
            <RelativeTime iso={verification.executionDate} now={now} /> <span class="version">{verification.providerVersionNumber}</span>
          </>
        ) : (
          <span class="muted">never</span>
        )}
      </td>
      <td class={`status status-${status.name}`} data-status={status.name} title={statusTooltip(item)}>
        {status.label}
      </td>
    </tr>
  );
}

/** What the status means, in the Ruby index's tooltip's terms. */
function statusTooltip({ status, providerName, lastVerification }: IndexItem): string {
  const by = lastVerification ? `${providerName} (${lastVerification.providerVersionNumber})` : providerName;
  switch (status) {
    case 'verified':
      return `Successfully verified by ${by}`;
    case 'changed':
      return `The pact has changed since it was last verified successfully by ${by}`;
    case 'failed':
      return `Verification by ${by} failed`;
    case 'failed-pending':
      return `Verification by ${by} failed while the pact was pending, so it did not fail the provider's build`;
    case 'unknown':
      return `${providerName} has not published a verification result yet`;
  }
}

function GettingStarted({ baseUrl }: { baseUrl: string }) {
  return (
    <p class="empty">
      No pacts have been published yet. Publish one with{' '}
      <code>pact-broker publish ./pacts --broker-base-url {baseUrl} --consumer-app-version 1.0.0 --branch main</code> and it will appear here.
    </p>
  );
}
