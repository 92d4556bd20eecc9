import type { TenantResource } from '../api/contract.js';
import type { TokenView } from '../api/contract.js';
import { formatTime } from './tenant-view.js';

const tokensPath = (tenant: TenantResource) => `/tenants/${encodeURIComponent(tenant.name)}/tokens`;

/** The tenant page's CI tokens (issue 11): name, scope, dates and a revoke button each, and a form for a new one. */
export function TokenSection({ tenant, tokens }: { tenant: TenantResource; tokens: TokenView[] | { problem: string } }) {
  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Tokens for CI</h2>
      <p class="hint">
        For the pact CLI's <code>--broker-token</code> (or <code>PACT_BROKER_TOKEN</code>): read-write tokens publish, read-only ones read
        and fetch pacts for verification.
      </p>
      {'problem' in tokens ? <p class="bad">{tokens.problem}</p> : <TokenTable tenant={tenant} tokens={tokens} />}
      <form method="post" action={tokensPath(tenant)} class="create">
        <label for="token-name">
          Name
          <input id="token-name" type="text" name="name" required maxlength={100} placeholder="ci" />
        </label>
        <label for="token-scope">
          Scope
          <select id="token-scope" name="scope">
            <option value="read-write">read-write</option>
            <option value="read-only">read-only</option>
          </select>
        </label>
        <label for="token-expires">
          Expires (UTC, optional)
          <input id="token-expires" type="datetime-local" name="expiresAt" />
        </label>
        <button type="submit" class="primary">
          Create token
        </button>
      </form>
    </section>
  );
}

function TokenTable({ tenant, tokens }: { tenant: TenantResource; tokens: TokenView[] }) {
  if (tokens.length === 0) return <p class="empty">No tokens yet.</p>;
  return (
    <table class="tenants tokens">
      <thead>
        <tr>
          <th>Name</th>
          <th>Scope</th>
          <th>Created</th>
          <th>Expires</th>
          <th>Last used</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr data-token={token.id}>
            <td data-label="Name">{token.name}</td>
            <td data-label="Scope">{token.scope}</td>
            <td data-label="Created">{formatTime(token.createdAt)}</td>
            <td data-label="Expires">{token.expiresAt ? formatTime(token.expiresAt) : 'never'}</td>
            <td data-label="Last used">{formatTime(token.lastUsedAt)}</td>
            <td data-label="Actions">
              <form method="post" action={`${tokensPath(tenant)}/${encodeURIComponent(token.id)}/revoke`} data-confirm={`Revoke the token "${token.name}"? CI jobs using it will be refused.`}>
                {/* Filled in by the confirm() dialog's script; without JavaScript a revoke needs no confirmation page. */}
                <input type="hidden" name="confirmed" value="" />
                <button type="submit" class="danger" aria-label={`Revoke ${token.name}`}>
                  Revoke
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The answer to the create form: the only time the token's secret is shown. */
export function CreatedTokenPage({ tenant, created }: { tenant: string; created: TokenView & { token: string } }) {
  return (
    <section class="card" aria-labelledby="created-heading">
      <h1 id="created-heading">
        Token “{created.name}” for {tenant}
      </h1>
      <p>
        Copy it now: it is shown only this once. It is {created.scope}
        {created.expiresAt ? `, until ${formatTime(created.expiresAt)}` : ', without an expiry'}.
      </p>
      <div class="command">
        <pre>
          <code id="created-token">{created.token}</code>
        </pre>
        <button type="button" data-copy="created-token" hidden>
          Copy
        </button>
      </div>
      <p class="hint">
        Use it as <code>pact-broker publish … --broker-token &lt;token&gt;</code>, or as <code>PACT_BROKER_TOKEN</code>.
      </p>
      <p>
        <a href={`/tenants/${encodeURIComponent(tenant)}`}>Back to {tenant}</a>
      </p>
    </section>
  );
}
