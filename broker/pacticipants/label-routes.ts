import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { pacticipantsUrl, urlEncode } from '../hal/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, orNotFound, pageOf, requestedPage, readBodyBytes, resource } from '../http/index.js';
import { decoratePacticipantCollection } from './pacticipant-decorator.js';
import { findOrCreatePacticipant } from './pacticipant-repository.js';
import { requirePacticipant } from './pacticipant-lookup.js';
import { findLatestVersions } from './latest-version-repository.js';
import { decorateLabel, decorateLabels, labelUrl } from './label-decorator.js';
import { deleteLabel, findLabel, insertLabel, labelNamesByPacticipant, listPacticipantsWithLabel, listUniqueLabelNames } from './label-repository.js';

/** Pacticipant labels (issue 14): RB `label.rb`, `labels.rb` and `pacticipants_for_label.rb`. */
export function labelRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/labels', {
    GET: async (c) => {
      const request = requestedPage((name) => c.req.query(name));
      const names = await listUniqueLabelNames(db);
      const page = request && pageOf(names, request);
      return halJson(decorateLabels(page?.items ?? names, `${c.get('baseUrl')}/labels`, page));
    },
  });
  resource(app, '/pacticipants/label/:label', {
    GET: (c) => pacticipantsWithLabel(db, c),
  });
  resource(app, '/pacticipants/:pacticipant/labels/:label', {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const label = orNotFound(await findLabel(db, pacticipant.id, pathParam(c, 'label')));
      return halJson(decorateLabel(label, pacticipant.name, c.get('baseUrl')));
    },
    // RB `label.rb`: put_can_create, so 201 with Location for a new label (creating a missing pacticipant, as its
    // label service does) and 200 for one the pacticipant has already; it accepts only JSON, and ignores the body.
    PUT: async (c) => {
      await readBodyBytes(c.req.raw);
      const name = pathParam(c, 'label');
      const now = clock().toISOString();
      const { pacticipant, label, created } = await db.transaction().execute(async (tx) => {
        const pacticipant = await findOrCreatePacticipant(tx, pathParam(c, 'pacticipant'), now);
        const existing = await findLabel(tx, pacticipant.id, name);
        return { pacticipant, label: existing ?? (await insertLabel(tx, pacticipant.id, name, now)), created: existing === undefined };
      });
      const baseUrl = c.get('baseUrl');
      const body = decorateLabel(label, pacticipant.name, baseUrl);
      return created ? halJson(body, 201, { location: labelUrl(baseUrl, pacticipant.name, name) }) : halJson(body);
    },
    DELETE: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const label = orNotFound(await findLabel(db, pacticipant.id, pathParam(c, 'label')));
      await deleteLabel(db, pacticipant.id, label.name);
      return c.body(null, 204);
    },
  });
  return app;
}

/** RB `pacticipants_for_label.rb`: the pacticipants decorator (no deprecated top-level list), filtered by `q`, paginated on request. */
async function pacticipantsWithLabel(db: Db, c: BrokerContext): Promise<Response> {
  const request = requestedPage((name) => c.req.query(name));
  const query = c.req.query('q')?.toLowerCase();
  const label = pathParam(c, 'label');
  const all = (await listPacticipantsWithLabel(db, label)).filter((pacticipant) => query === undefined || pacticipant.name.toLowerCase().includes(query));
  const page = request && pageOf(all, request);
  const shown = page?.items ?? all;
  const ids = shown.map((pacticipant) => pacticipant.id);
  const [latest, labels] = await Promise.all([findLatestVersions(db, ids), labelNamesByPacticipant(db, ids)]);
  const entries = shown.map((pacticipant) => ({ pacticipant, latestVersionNumber: latest.get(pacticipant.id)?.number, labels: labels.get(pacticipant.id) ?? [] }));
  const paging = page && { page, resourceUrl: `${pacticipantsUrl(c.get('baseUrl'))}/label/${urlEncode(label)}` };
  return halJson(decoratePacticipantCollection(entries, c.get('baseUrl'), paging));
}
