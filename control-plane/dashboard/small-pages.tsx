import type { TenantResource } from '../api/contract.js';
import { ConfirmRemoveForm } from './tenant-actions.js';

/** Shown when the API wants an admin token this browser has not given (or gave wrongly). */
export function SignInPage() {
  return (
    <section class="card" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <p>This platform needs its admin token (<code>PACTSAFS_ADMIN_TOKEN</code>).</p>
      <form method="post" action="/sign-in" class="create">
        <label for="admin-token">
          Admin token
          <input id="admin-token" type="password" name="token" required autocomplete="current-password" />
        </label>
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </section>
  );
}

/** The no-JavaScript confirmation before a removal. */
export function ConfirmRemovePage({ tenant, back }: { tenant: TenantResource; back: string }) {
  return (
    <section class="card" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">Remove {tenant.name}?</h1>
      <p>
        This stops the tenant's broker and deletes its data: pacts, verifications, webhooks. Download a backup first if you may
        need them.
      </p>
      <ConfirmRemoveForm tenant={tenant} back={back} />
    </section>
  );
}

/** A page for a refusal that has no better place to show (unknown tenant, cross-site form). */
export function ProblemPage({ heading, detail }: { heading: string; detail: string }) {
  return (
    <section class="card" aria-labelledby="problem-heading">
      <h1 id="problem-heading">{heading}</h1>
      <p class="problem-detail">{detail}</p>
      <p>
        <a href="/">Back to the tenants</a>
      </p>
    </section>
  );
}
