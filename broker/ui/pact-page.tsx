import { integrationPactsUrl, pactUrl } from '../hal/index.js';
import { interactionAnchor, InteractionList } from './interaction-list.js';
import { Layout } from './layout.js';
import type { PactView } from './pact-view.js';
import { RelativeTime } from './relative-time.js';
import type { PactPageData } from './ui-service.js';

export interface PactPageProps {
  data: PactPageData;
  view: PactView;
  /** The URL the page was asked for (latest or versioned): its raw JSON link is the same URL. */
  pageUrl: string;
  baseUrl: string;
  now: Date;
}

/** One pact for people to read (the Ruby broker's `HtmlPactRenderer`): who, which version, when, and its interactions. */
export function PactPage({ data, view, pageUrl, baseUrl, now }: PactPageProps) {
  const { consumerName, providerName } = data.pact;
  const title = `Pact between ${consumerName} and ${providerName}`;
  return (
    <Layout title={title} baseUrl={baseUrl}>
      <h1>{title}</h1>
      <PactMetadata data={data} view={view} now={now} />
      <PactLinks data={data} pageUrl={pageUrl} baseUrl={baseUrl} />
      {view.unreadable === undefined ? (
        <>
          <TableOfContents view={view} />
          <h2>Interactions</h2>
          {view.interactions.length === 0 ? <p class="muted">This pact has no interactions.</p> : null}
          <InteractionList interactions={view.interactions} consumerName={consumerName} providerName={providerName} />
        </>
      ) : (
        <>
          <p class="muted">This contract lists no interactions or messages; its content as published:</p>
          <pre class="body">{view.unreadable}</pre>
        </>
      )}
    </Layout>
  );
}

function PactMetadata({ data, view, now }: { data: PactPageData; view: PactView; now: Date }) {
  const { pact, tagNames, branchNames } = data;
  return (
    <dl class="pact-metadata">
      <dt>{pact.consumerName} version</dt>
      <dd class="consumer-version">{pact.consumerVersionNumber}</dd>
      {branchNames.length > 0 ? (
        <>
          <dt>Branch</dt>
          <dd class="branches">{branchNames.join(', ')}</dd>
        </>
      ) : null}
      {tagNames.length > 0 ? (
        <>
          <dt>Tags</dt>
          <dd class="tags">{tagNames.join(', ')}</dd>
        </>
      ) : null}
      <dt>Date published</dt>
      <dd class="published">
        <RelativeTime iso={pact.createdAt} now={now} /> <span class="muted">({new Date(pact.createdAt).toUTCString()})</span>
      </dd>
      {view.specificationVersion === undefined ? null : (
        <>
          <dt>Pact specification</dt>
          <dd>{view.specificationVersion}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * Raw JSON (this URL with `?format=json`), the version's permanent URL, the HAL index and the
 * integration's badge. The Ruby broker links its HAL browser here; this broker has none, so the
 * JSON itself is linked.
 */
function PactLinks({ data, pageUrl, baseUrl }: { data: PactPageData; pageUrl: string; baseUrl: string }) {
  const { consumerName, providerName } = data.pact;
  const versionUrl = pactUrl(baseUrl, data.pact);
  return (
    <ul class="links">
      <li>
        <a class="json-link" href={`${pageUrl}?format=json`}>
          View raw JSON
        </a>
      </li>
      {versionUrl === pageUrl ? null : (
        <li>
          <a class="version-link" href={versionUrl}>
            Permanent link to this version
          </a>
        </li>
      )}
      <li>
        <a href={`${baseUrl}/?format=json`}>API index (HAL JSON)</a>
      </li>
      <li>
        <a href={`${baseUrl}/`}>All integrations</a>
      </li>
      <li>
        <img class="badge" src={`${integrationPactsUrl(baseUrl, consumerName, providerName)}/latest/badge`} alt={`${consumerName}/${providerName} pact status`} />
      </li>
    </ul>
  );
}

/** A list of the interactions' descriptions with their provider states, linking to each. */
function TableOfContents({ view }: { view: PactView }) {
  if (view.interactions.length < 2) return null;
  return (
    <ol class="toc">
      {view.interactions.map((interaction, index) => (
        <li>
          <a href={`#${interactionAnchor(index)}`}>{interaction.description}</a>
          {interaction.providerStates.length > 0 ? <span class="muted"> given {interaction.providerStates.join(' and ')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
