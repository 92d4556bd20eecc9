import { Hono } from 'hono';
import type { Db, PacticipantRow } from '../db/index.js';
import { pacticipantUrl, urlEncode } from '../hal/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, unsupportedMediaType, validationFailed, expectJsonObject, readJsonBody, resource } from '../http/index.js';
import { labelNamesByPacticipant } from './label-repository.js';
import { findLatestVersion, findLatestVersions } from './latest-version-repository.js';
import { decoratePacticipant, decoratePacticipants } from './pacticipant-decorator.js';
import { deletePacticipant, findPacticipantByName, listPacticipants } from './pacticipant-repository.js';
import { requirePacticipant } from './pacticipant-lookup.js';
import { validatePacticipant, type PacticipantFields } from './pacticipant-schema.js';
import { createPacticipant, mergePacticipant, replacePacticipant } from './pacticipant-service.js';

/** The pacticipant collection and resource (docs/broker-api.md#pacticipants). */
export function pacticipantRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/pacticipants', {
    GET: async (c) => {
      const pacticipants = await listPacticipants(db);
      const ids = pacticipants.map((pacticipant) => pacticipant.id);
      const [latest, labels] = await Promise.all([findLatestVersions(db, ids), labelNamesByPacticipant(db, ids)]);
      const entries = sortByName(pacticipants).map((pacticipant) => ({
        pacticipant,
        latestVersionNumber: latest.get(pacticipant.id)?.number,
        labels: labels.get(pacticipant.id) ?? [],
      }));
      return halJson(decoratePacticipants(entries, c.get('baseUrl')));
    },
    POST: async (c) => {
      const fields = await readPacticipantFields(c, { nameRequired: true });
      const name = fields.name as string;
      const pacticipant = await createPacticipant(db, name, fields, clock().toISOString());
      // The Ruby broker's create path misspells the collection (sic); clients ignore the header.
      const location = `${c.get('baseUrl')}/pacticpants/${urlEncode(name)}`;
      return render(db, c, pacticipant, 201, { location });
    },
  });
  resource(app, '/pacticipants/:pacticipant', {
    GET: async (c) => render(db, c, await requirePacticipant(db, c)),
    PUT: async (c) => {
      const fields = await readPacticipantFields(c, { nameRequired: false });
      if (isMergePatch(c)) throw unsupportedMediaType();
      const existing = await requirePacticipant(db, c);
      return render(db, c, await replacePacticipant(db, existing, fields, clock().toISOString()));
    },
    // The CLI's create-or-update: a PATCH that creates a missing pacticipant (for backwards compatibility in the Ruby broker).
    PATCH: async (c) => {
      const fields = await readPacticipantFields(c, { nameRequired: false });
      const name = pathParam(c, 'pacticipant');
      const now = clock().toISOString();
      const { pacticipant, created } = await db.transaction().execute(async (tx) => {
        const existing = await findPacticipantByName(tx, name);
        if (existing) return { pacticipant: await mergePacticipant(tx, existing, fields, now), created: false };
        return { pacticipant: await createPacticipant(tx, name, fields, now), created: true };
      });
      return created ? render(db, c, pacticipant, 201, { location: pacticipantUrl(c.get('baseUrl'), name) }) : render(db, c, pacticipant);
    },
    DELETE: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      await deletePacticipant(db, pacticipant.id);
      return c.body(null, 204);
    },
  });
  return app;
}

/** The pacticipant resource as the Ruby broker renders it after GET, PUT, PATCH and POST. */
async function render(db: Db, c: BrokerContext, pacticipant: PacticipantRow, status = 200, headers: Record<string, string> = {}): Promise<Response> {
  const [latest, labels] = await Promise.all([findLatestVersion(db, pacticipant.id), labelNamesByPacticipant(db, [pacticipant.id])]);
  // Always empty: this broker lists deployments on each version's `pb:deployed-environments`, not on the pacticipant.
  const entry = { pacticipant, latestVersionNumber: latest?.number, labels: labels.get(pacticipant.id) ?? [], deployedEnvironments: [] };
  return halJson(decoratePacticipant(entry, c.get('baseUrl')), status, headers);
}

/**
 * Reads and validates a pacticipant body: 415 unless JSON, 400 with the schema's messages when invalid.
 * Only the create needs a body; PUT and PATCH take an empty one as `{}`.
 */
async function readPacticipantFields(c: BrokerContext, options: { nameRequired: boolean }): Promise<PacticipantFields> {
  const body = await readJsonBody(c.req.raw, options.nameRequired ? {} : { emptyBody: {} });
  const validation = validatePacticipant(expectJsonObject(body), options);
  if (!validation.valid) throw validationFailed(validation.errors);
  return validation.fields;
}

function isMergePatch(c: BrokerContext): boolean {
  return c.req.header('content-type')?.includes('application/merge-patch+json') ?? false;
}

function sortByName(pacticipants: PacticipantRow[]): PacticipantRow[] {
  return [...pacticipants].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
}
