import { MAX_TENANT_NAME_LENGTH } from '../../shared/tenant-name.js';
import type { TenantResource } from '../api/contract.js';
import { StateBadge } from './layout.js';
import { TenantActions } from './tenant-actions.js';
import { formatSize, formatTime } from './tenant-view.js';
import { UrlText } from './url-text.js';

/** The route the page's script polls for fresh rows while an operation runs. */
export const ROWS_PATH = '/tenant-rows';

/** The list of tenants: a table at desktop widths, one card per tenant on a phone (styles.ts). */
export function TenantTable({ tenants }: { tenants: TenantResource[] }) {
  return (
    <section class="card table-card" aria-labelledby="tenants-heading">
      <h2 id="tenants-heading">Tenants</h2>
      <table class="tenants">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Runtime</th>
            <th scope="col">Broker</th>
            <th scope="col">Created</th>
            <th scope="col">Last backup</th>
            <th scope="col">Data size</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody data-live={ROWS_PATH}>
          <TenantRows tenants={tenants} />
        </tbody>
      </table>
    </section>
  );
}

/** The table's rows; also served alone at {@link ROWS_PATH} for the live refresh. */
export function TenantRows({ tenants }: { tenants: TenantResource[] }) {
  if (tenants.length === 0) {
    return (
      <tr>
        <td colspan={8} class="empty">
          No tenants yet. Create the first one below.
        </td>
      </tr>
    );
  }
  return (
    <>
      {tenants.map((tenant) => (
        <TenantRow tenant={tenant} />
      ))}
    </>
  );
}

function TenantRow({ tenant }: { tenant: TenantResource }) {
  return (
    <tr data-tenant={tenant.name} data-state={tenant.state}>
      <td data-label="Name" class="name">
        <a href={`/tenants/${encodeURIComponent(tenant.name)}`}>{tenant.name}</a>
      </td>
      <td data-label="State" class="state-cell">
        <div>
          <StateBadge state={tenant.state} />
          {tenant.reason ? <span class="reason">{tenant.reason}</span> : null}
        </div>
      </td>
      <td data-label="Runtime">{tenant.runtime}</td>
      <td data-label="Broker">
        <div>
          <a href={`${tenant.urls.path}/`} class="broker-link">
            <UrlText url={`${tenant.urls.path}/`} />
          </a>
          <span class="host-form" title="Host form, for the pact CLI with an /etc/hosts line">
            <UrlText url={tenant.urls.host} />
          </span>
        </div>
      </td>
      <td data-label="Created">{formatTime(tenant.createdAt)}</td>
      <td data-label="Last backup">{formatTime(tenant.lastBackupAt)}</td>
      <td data-label="Data size">{formatSize(tenant.dataSizeBytes)}</td>
      <td data-label="Actions">
        <TenantActions tenant={tenant} back="/" />
      </td>
    </tr>
  );
}

/** The create form: the runtimes this platform has, its default first. */
export function CreateTenantForm({ runtimes }: { runtimes: { available: string[]; default: string } }) {
  return (
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a tenant</h2>
      <form method="post" action="/tenants" class="create" data-busy="Creating…">
        <label for="tenant-name">
          Name
          <input
            id="tenant-name"
            type="text"
            name="name"
            required
            maxlength={MAX_TENANT_NAME_LENGTH}
            pattern="[a-z0-9]([a-z0-9\-]*[a-z0-9])?"
            autocomplete="off"
            spellcheck={false}
            placeholder="acme"
            aria-describedby="tenant-name-hint"
          />
          <span id="tenant-name-hint" class="hint">
            Lowercase letters, digits and hyphens; up to {MAX_TENANT_NAME_LENGTH}.
          </span>
        </label>
        <label for="tenant-runtime">
          Runtime
          <select id="tenant-runtime" name="runtime">
            {[runtimes.default, ...runtimes.available.filter((kind) => kind !== runtimes.default)].map((kind) => (
              <option value={kind}>{kind === runtimes.default ? `${kind} (default)` : kind}</option>
            ))}
          </select>
          {runtimes.available.includes('docker') ? null : <span class="hint">Docker: no engine answered when the platform started.</span>}
        </label>
        <label class="check">
          <input type="checkbox" name="requireAuth" value="yes" />
          Only with a token (CI tokens; heartbeat and badges stay public)
        </label>
        <button type="submit" class="primary">
          Create tenant
        </button>
      </form>
    </section>
  );
}
