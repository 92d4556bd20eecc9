import { providerContractUrl, latestPactUrl, versionUrl } from '../hal/index.js';
import type { Mismatch } from '../bi-directional/index.js';
import { Layout } from './layout.js';
import type { ProviderContractPageData } from './ui-service.js';

/**
 * A provider contract for people (team issue 15): the OpenAPI document, the provider's
 * self-verification, and each consumer pact compared with it, with its mismatches.
 */
export function ProviderContractPage({ data, baseUrl }: { data: ProviderContractPageData; baseUrl: string }) {
  const { providerName, versionNumber, contract } = data;
  const title = `Provider contract of ${providerName} version ${versionNumber}`;
  return (
    <Layout title={title} baseUrl={baseUrl}>
      <h1>{title}</h1>
      <p>
        <a class="version-link" href={versionUrl(baseUrl, providerName, versionNumber)}>
          Version {versionNumber}
        </a>{' '}
        · <a class="json-link" href={`${providerContractUrl(baseUrl, providerName, versionNumber)}?format=json`}>View in API format</a>
      </p>
      <h2>Self-verification</h2>
      <p class={`self-verification status-${contract.self_verification_success === 1 ? 'success' : 'failed'}`}>
        {contract.self_verification_success === 1 ? 'succeeded' : 'did not succeed'}
        {contract.verifier ? ` (${contract.verifier}${contract.verifier_version ? ` ${contract.verifier_version}` : ''})` : ''}
      </p>
      {contract.self_verification_content ? <pre class="body self-verification-results">{contract.self_verification_content}</pre> : null}
      <h2>Cross-contract comparisons</h2>
      {data.comparisons.length === 0 ? <p class="muted">No consumer pact has been compared with this contract yet.</p> : null}
      {data.comparisons.map((comparison) => (
        <Comparison comparison={comparison} providerName={providerName} baseUrl={baseUrl} />
      ))}
      <h2>Document</h2>
      <pre class="body provider-contract">{contract.content}</pre>
    </Layout>
  );
}

function Comparison({ comparison, providerName, baseUrl }: { comparison: ProviderContractPageData['comparisons'][number]; providerName: string; baseUrl: string }) {
  const errors = comparison.mismatches.filter((mismatch) => mismatch.type === 'error');
  return (
    <section class="comparison" data-consumer={comparison.consumerName}>
      <h3>
        <a href={latestPactUrl(baseUrl, comparison.consumerName, providerName)}>{comparison.consumerName}</a>:{' '}
        <span class={`status status-${comparison.success ? 'success' : 'failed'}`}>{comparison.success ? 'compatible' : 'incompatible'}</span>
      </h3>
      {comparison.mismatches.length > 0 ? <MismatchTable mismatches={comparison.mismatches} /> : null}
      {errors.length === 0 && comparison.mismatches.length > 0 ? <p class="muted">Warnings only: they do not make the pair incompatible.</p> : null}
    </section>
  );
}

function MismatchTable({ mismatches }: { mismatches: readonly Mismatch[] }) {
  return (
    <div class="table-wrap">
      <table class="mismatches">
        <thead>
          <tr>
            <th>Interaction</th>
            <th>OpenAPI path</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {mismatches.map((mismatch) => (
            <tr class={`mismatch mismatch-${mismatch.type}`}>
              <td class="interaction">{mismatch.interaction ?? ''}</td>
              <td class="operation">{mismatch.operation ?? ''}</td>
              <td class="message">
                {mismatch.message}
                {mismatch.mockLocation ? <span class="muted"> at {mismatch.mockLocation}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
