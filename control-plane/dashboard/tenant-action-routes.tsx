import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { sessionToken } from './admin-session.js';
import { ApiProblem, type ApiClient } from '../api/api-client.js';
import { backTarget, page } from './dashboard-page.js';
import { setFlash } from './flash.js';
import { Layout } from './layout.js';
import { ConfirmRemovePage } from './small-pages.js';
import { streamedUpload } from './streamed-upload.js';

export interface TenantActionOptions {
  api: (c: Context) => ApiClient;
}

/**
 * `/tenants…`: the dashboard's actions, each a REST call followed by a redirect with a flash message.
 * Their posts pass the dashboard's same-origin check first (dashboard-routes.tsx).
 */
export function tenantActionRoutes({ api }: TenantActionOptions): Hono {
  const app = new Hono();
  const name = (c: Context) => c.req.param('name') ?? '';

  app.post('/', async (c) => {
    const form = await c.req.parseBody();
    const tenant = String(form.name ?? '').trim();
    const runtime = String(form.runtime ?? '') || undefined;
    return act(c, '/', async () => {
      // Answered at once with the tenant `creating`: the pages follow its state until it serves.
      await api(c).createTenant({ name: tenant, ...(runtime && { runtime }), ...(form.requireAuth === 'yes' && { requireAuth: true }) }, { wait: false });
      return `Creating "${tenant}"…`;
    });
  });

  app.post('/:name/stop', async (c) =>
    act(c, backTarget((await c.req.parseBody()).back), async () => {
      await api(c).stopTenant(name(c));
      return `Stopped "${name(c)}". Its data is kept; its address answers 503 until it starts again.`;
    }),
  );

  app.post('/:name/start', async (c) =>
    act(c, backTarget((await c.req.parseBody()).back), async () => {
      await api(c).startTenant(name(c));
      return `Started "${name(c)}".`;
    }),
  );

  // Without JavaScript a removal is confirmed on a page of its own (see tenant-actions.tsx).
  app.get('/:name/remove', async (c) => {
    const tenant = await api(c).getTenant(name(c));
    const back = backTarget(c.req.query('back'));
    return page(
      c,
      <Layout title={`Remove ${tenant.name}`} signedIn={sessionToken(c) !== undefined}>
        <ConfirmRemovePage tenant={tenant} back={back} />
      </Layout>,
    );
  });

  app.post('/:name/remove', async (c) => {
    const form = await c.req.parseBody();
    const back = backTarget(form.back);
    if (form.confirmed !== 'yes') return c.redirect(`/tenants/${encodeURIComponent(name(c))}/remove?back=${encodeURIComponent(back)}`, 303);
    // The tenant's own page is gone after a removal.
    return act(c, back.startsWith('/tenants/') ? '/' : back, async () => {
      await api(c).removeTenant(name(c));
      return `Removed "${name(c)}" and its data.`;
    });
  });

  // A plain link (GET): it changes nothing, and the API streams the tar through.
  app.get('/:name/backup', async (c) => {
    try {
      const answer = await api(c).backup(name(c));
      return new Response(answer.body, {
        headers: {
          'Content-Type': answer.headers.get('Content-Type') ?? 'application/x-tar',
          'Content-Disposition': answer.headers.get('Content-Disposition') ?? `attachment; filename="${name(c)}-data.tar"`,
          'Cache-Control': 'no-store',
        },
      });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      return refuse(c, backTarget(c.req.query('back')), refusal(error));
    }
  });

  app.post('/:name/restore', async (c) => {
    // The file streams on to the API as it arrives: a backup of any size passes without being held in memory.
    const { fields, file } = await streamedUpload(c.req.raw, 'backup');
    const back = backTarget(fields.back);
    const refuseAndDrain = (text: string) => {
      file?.stream.resume();
      return refuse(c, back, text);
    };
    if (!file || file.filename === '') return refuseAndDrain('Choose a backup file (.tar) to restore.');
    if (fields.replace !== 'yes') return refuseAndDrain(`Tick "Replace all of ${name(c)}'s data" to restore: a restore replaces everything.`);
    return act(c, back, async () => {
      await api(c).restore(name(c), Readable.toWeb(file.stream) as ReadableStream<Uint8Array>);
      return `Restored "${name(c)}" from ${file.filename}.`;
    });
  });

  return app;
}

/** Runs an action and redirects to `back` with its outcome: the success text, or the API's reason. */
async function act(c: Context, back: string, run: () => Promise<string>): Promise<Response> {
  try {
    setFlash(c, { kind: 'success', text: await run() });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    return refuse(c, back, refusal(error));
  }
  return c.redirect(back, 303);
}

function refuse(c: Context, back: string, text: string): Response {
  setFlash(c, { kind: 'error', text });
  return c.redirect(back, 303);
}

function refusal(error: ApiProblem): string {
  return error.status === 401 ? 'Sign in with the admin token first.' : error.message;
}
