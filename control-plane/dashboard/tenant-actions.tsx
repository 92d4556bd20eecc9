import type { TenantResource } from '../api/contract.js';

/** Where an action came from, so that the answer leads back there (validated by `backTarget`). */
interface ActionProps {
  tenant: TenantResource;
  back: string;
}

const action = (tenant: TenantResource, verb: string) => `/tenants/${encodeURIComponent(tenant.name)}/${verb}`;

/** Stop or start, download backup, restore and remove: the buttons a tenant's state allows. */
export function TenantActions({ tenant, back }: ActionProps) {
  const { state } = tenant;
  // Issue 13: a sleeping tenant keeps its data; it can be stopped, or woken by a start.
  const hasData = state === 'running' || state === 'stopped' || state === 'sleeping';
  return (
    <div class="actions">
      {state === 'running' || state === 'sleeping' ? <PostButton tenant={tenant} back={back} verb="stop" label="Stop" busy="Stopping…" /> : null}
      {state === 'sleeping' ? <PostButton tenant={tenant} back={back} verb="start" label="Wake" busy="Waking…" /> : null}
      {state === 'stopped' || state === 'failed' ? <PostButton tenant={tenant} back={back} verb="start" label="Start" busy="Starting…" /> : null}
      {hasData ? (
        // No `download` attribute: on a refusal the answer is a redirect to a page with the reason,
        // which the browser must show rather than save as the tar.
        <a class="button" href={`${action(tenant, 'backup')}?back=${encodeURIComponent(back)}`}>
          Download backup
        </a>
      ) : null}
      {hasData ? <RestoreForm tenant={tenant} back={back} /> : null}
      {state !== 'removing' ? <RemoveButton tenant={tenant} back={back} /> : null}
    </div>
  );
}

function PostButton({ tenant, back, verb, label, busy }: ActionProps & { verb: string; label: string; busy: string }) {
  return (
    <form method="post" action={action(tenant, verb)} data-busy={busy}>
      <input type="hidden" name="back" value={back} />
      <button type="submit" aria-label={`${label} ${tenant.name}`}>
        {label}
      </button>
    </form>
  );
}

/**
 * Without JavaScript the post lacks `confirmed=yes` and the server answers with a confirmation
 * page; with it, the script asks with confirm() and sets the field.
 */
function RemoveButton({ tenant, back }: ActionProps) {
  return (
    <form method="post" action={action(tenant, 'remove')} data-confirm={`Remove tenant "${tenant.name}" and all its data?`} data-busy="Removing…">
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="confirmed" value="" />
      <button type="submit" class="danger" aria-label={`Remove ${tenant.name}`}>
        Remove
      </button>
    </form>
  );
}

/** A restore replaces all data: a required checkbox says so, which works without JavaScript too. */
function RestoreForm({ tenant, back }: ActionProps) {
  const id = `restore-${tenant.name}`;
  return (
    <details class="restore">
      <summary>Restore…</summary>
      <form method="post" action={action(tenant, 'restore')} enctype="multipart/form-data" data-busy="Restoring…">
        <input type="hidden" name="back" value={back} />
        {/* Fields before the file: the platform streams the file on as it arrives, after reading them. */}
        <label class="check" for={`${id}-replace`}>
          <input id={`${id}-replace`} type="checkbox" name="replace" value="yes" required />
          Replace all of {tenant.name}'s data
        </label>
        <label for={`${id}-file`}>
          Backup file (.tar)
          <input id={`${id}-file`} type="file" name="backup" accept=".tar,application/x-tar" required />
        </label>
        <button type="submit">Upload and restore</button>
      </form>
    </details>
  );
}

/** The confirmation page's form (no JavaScript): the same post, confirmed. */
export function ConfirmRemoveForm({ tenant, back }: ActionProps) {
  return (
    <form method="post" action={action(tenant, 'remove')} class="actions">
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="confirmed" value="yes" />
      <button type="submit" class="danger">
        Remove {tenant.name}
      </button>
      <a class="button" href={back}>
        Cancel
      </a>
    </form>
  );
}
