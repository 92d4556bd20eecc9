import { Hono } from 'hono';
import type { Db } from '../db/database.js';
import type { PacticipantRow } from '../db/schema.js';
import { halJson, pathParam, type BrokerEnv } from '../http/broker-env.js';
import { notFound } from '../http/http-error.js';
import { resource } from '../http/resource.js';
import { findLatestVersion, findLatestVersions } from '../versions/version-repository.js';
import { decoratePacticipant, decoratePacticipants } from './pacticipant-decorator.js';
import { findPacticipantByName, listPacticipants } from './pacticipant-repository.js';

/** `GET /pacticipants` and `GET /pacticipants/{name}`. */
export function pacticipantRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/pacticipants', {
    GET: async (c) => {
      const pacticipants = await listPacticipants(db);
      const latest = await findLatestVersions(db, pacticipants.map((pacticipant) => pacticipant.id));
      const entries = sortByName(pacticipants).map((pacticipant) => ({
        pacticipant,
        latestVersionNumber: latest.get(pacticipant.id)?.number,
      }));
      return halJson(decoratePacticipants(entries, c.get('baseUrl')));
    },
  });
  resource(app, '/pacticipants/:pacticipant', {
    GET: async (c) => {
      const pacticipant = await findPacticipantByName(db, pathParam(c, 'pacticipant'));
      if (!pacticipant) throw notFound();
      const latest = await findLatestVersion(db, pacticipant.id);
      return halJson(decoratePacticipant({ pacticipant, latestVersionNumber: latest?.number }, c.get('baseUrl')));
    },
  });
  return app;
}

function sortByName(pacticipants: PacticipantRow[]): PacticipantRow[] {
  return [...pacticipants].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
}
