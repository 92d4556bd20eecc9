import type { TenantResource } from '../api/contract.js';
import type { BrokerFacts } from './broker-facts.js';
import { StateBadge } from './layout.js';
import { LogTable } from './log-table.js';
import type { TokenView } from '../api/contract.js';
import { TenantActions } from './tenant-actions.js';
import { TokenSection } from './token-section.js';
import { UrlText } from './url-text.js';
import { accessSummary, formatSize, formatTime, publishCommand, UNKNOWN } from './tenant-view.js';

export interface TenantPageProps {
  tenant: TenantResource;
  /** Undefined while the tenant does not run: its broker is not asked. */
  facts: BrokerFacts | undefined;
  logs: { text: string } | { problem: string };
  tokens: TokenView[] | { problem: string };
}

/** One tenant: addresses, publish command, health, broker contents, actions and recent log lines. */
export function TenantPage({ tenant, facts, logs, tokens }: TenantPageProps) {
  const back = `/tenants/${encodeURIComponent(tenant.name)}`;
  return (
    <>
      <h1>
        {tenant.name} <StateBadge state={tenant.state} />
      </h1>
      <div class="grid">
        <section class="card" aria-labelledby="addresses-heading">
          <h2 id="addresses-heading">Addresses</h2>
          <dl class="facts">
            <dt>Path form</dt>
            <dd>
              <a href={`${tenant.urls.path}/`}>
                <UrlText url={`${tenant.urls.path}/`} />
              </a>
              <span class="hint"> for browsers, curl and clients that follow links</span>
            </dd>
            <dt>Host form</dt>
            <dd>
              <a href={`${tenant.urls.host}/`}>
                <UrlText url={tenant.urls.host} />
              </a>
              <span class="hint"> with the lines “127.0.0.1 {new URL(tenant.urls.host).hostname}” and “::1 {new URL(tenant.urls.host).hostname}” in /etc/hosts (pactsafs hosts --write)</span>
            </dd>
            <dt>Access</dt>
            <dd class="access">{accessSummary(tenant)}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="health-heading">
          <h2 id="health-heading">Health</h2>
          <dl class="facts">
            <dt>State</dt>
            <dd>
              <StateBadge state={tenant.state} />
            </dd>
            <dt>Reason</dt>
            <dd>{tenant.reason ?? UNKNOWN}</dd>
            <dt>Heartbeat</dt>
            <dd class="heartbeat">
              <Heartbeat facts={facts} />
            </dd>
          </dl>
        </section>
      </div>
      <section class="card" aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publish pacts to it</h2>
        <div class="command">
          <pre>
            <code id="publish-command">{publishCommand(tenant)}</code>
          </pre>
          <button type="button" data-copy="publish-command" hidden>
            Copy
          </button>
        </div>
      </section>
      <TokenSection tenant={tenant} tokens={tokens} />
      <div class="grid">
        <section class="card" aria-labelledby="contents-heading">
          <h2 id="contents-heading">Broker contents</h2>
          <div class="counts">
            <Count label="Pacticipants" value={facts?.pacticipants} name="pacticipants" />
            <Count label="Integrations" value={facts?.integrations} name="integrations" />
            <Count label="Pact versions" value={facts?.pactVersions} name="pact-versions" />
            <Count label="Verifications" value={facts?.verifications} name="verifications" />
          </div>
          {facts === undefined || !facts.heartbeat.ok ? <p class="hint">Counts need a running broker.</p> : null}
        </section>
        <section class="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">Tenant</h2>
          <dl class="facts">
            <dt>Runtime</dt>
            <dd>{tenant.runtime}</dd>
            <dt>Created</dt>
            <dd>{formatTime(tenant.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatTime(tenant.updatedAt)}</dd>
            <dt>Last backup</dt>
            <dd>{formatTime(tenant.lastBackupAt)}</dd>
            <dt>Data size</dt>
            <dd>{formatSize(tenant.dataSizeBytes)}</dd>
          </dl>
        </section>
      </div>
      <section class="card" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions</h2>
        <TenantActions tenant={tenant} back={back} />
      </section>
      <section class="card" aria-labelledby="logs-heading">
        <h2 id="logs-heading">Recent log lines</h2>
        {'text' in logs ? (
          <LogTable text={logs.text} />
        ) : (
          <p class="bad">{logs.problem}</p>
        )}
      </section>
    </>
  );
}

function Heartbeat({ facts }: { facts: BrokerFacts | undefined }) {
  if (facts === undefined) return <span class="muted">not asked: the tenant does not run</span>;
  if (facts.heartbeat.ok) return <span class="ok">answers 200 ({facts.heartbeat.ms} ms)</span>;
  return <span class="bad">does not answer: {facts.heartbeat.problem}</span>;
}

function Count({ label, value, name }: { label: string; value: number | undefined; name: string }) {
  return (
    <div>
      <strong data-count={name}>{value === undefined ? UNKNOWN : value}</strong>
      <span class="muted">{label}</span>
    </div>
  );
}
