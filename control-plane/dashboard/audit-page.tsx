import { Hono, type Context } from 'hono';
import type { AuditEntry } from '../api/contract.js';
import { sessionToken } from './admin-session.js';
import type { ApiClient } from '../api/api-client.js';
import { page } from './dashboard-page.js';
import { Layout } from './layout.js';

/** `/audit` (issue 11): the control plane's audit log, newest first, 50 a page. */
export function dashboardAuditRoutes({ api }: { api: (c: Context) => ApiClient }): Hono {
  const app = new Hono();
  app.get('/audit', async (c) => {
    const { entries, next } = await api(c).audit({ before: c.req.query('before') });
    const older = next === null ? undefined : new URL(next, 'http://x').searchParams.get('before');
    return page(
      c,
      <Layout title="Audit log" signedIn={sessionToken(c) !== undefined}>
        <AuditLogSection entries={entries} older={older ?? undefined} />
      </Layout>,
    );
  });
  return app;
}

function AuditLogSection({ entries, older }: { entries: AuditEntry[]; older: string | undefined }) {
  return (
    <section class="card" aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit log</h1>
      <p class="hint">Every change made through the API or this dashboard, and every backup download, newest first.</p>
      {entries.length === 0 ? (
        <p class="empty">Nothing recorded yet.</p>
      ) : (
        <table class="tenants audit">
          <thead>
            <tr>
              <th>Time</th>
              <th>Who</th>
              <th>What</th>
              <th>Tenant</th>
              <th>Outcome</th>
              <th>Request id</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr data-audit={entry.id}>
                <td data-label="Time">{entry.time.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}</td>
                <td data-label="Who">{entry.actor}</td>
                <td data-label="What">{entry.action}</td>
                <td data-label="Tenant">{entry.tenant ?? '—'}</td>
                <td data-label="Outcome" class={entry.outcome < 400 ? 'ok' : 'bad'}>
                  {entry.outcome}
                </td>
                <td data-label="Request id" class="hint">
                  {entry.requestId}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older === undefined ? null : (
        <p>
          <a href={`/audit?before=${encodeURIComponent(older)}`}>Older entries</a>
        </p>
      )}
    </section>
  );
}
