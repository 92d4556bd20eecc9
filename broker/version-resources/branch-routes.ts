import { Hono } from 'hono';
import type { Db, BranchRow } from '../db/index.js';
import { branchUrl, branchVersionUrl } from '../hal/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, orNotFound, DEFAULT_PAGE, pageOf, requestedPage, readJsonBody, resource } from '../http/index.js';
import { requirePacticipant } from '../pacticipants/index.js';
import { listVersionsInReverseOrder, findVersion, ensureVersion, decorateBranch, decorateBranches, decorateBranchVersion, deleteBranch, findBranch, findBranchVersion, listBranches, addVersionToBranch, removeVersionFromBranch } from '../versions/index.js';
import { versionsResponse } from './version-responses.js';

const BRANCH = '/pacticipants/:pacticipant/branches/:branch';

/** Branches, their versions and branch versions (docs/broker-api.md#branches). */
export function branchRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, '/pacticipants/:pacticipant/branches', {
    GET: async (c) => {
      const pacticipant = await requirePacticipant(db, c);
      const page = pageOf(await listBranches(db, pacticipant.id), requestedPage((name) => c.req.query(name)) ?? DEFAULT_PAGE);
      return halJson(decorateBranches(pacticipant.name, page, c.get('baseUrl')));
    },
  });

  resource(app, BRANCH, {
    GET: async (c) => {
      const { pacticipantName, branch } = await requireBranch(db, c);
      return halJson(decorateBranch(pacticipantName, branch, c.get('baseUrl')));
    },
    // The CLI's delete-branch: the versions stay, only their membership of the branch goes.
    DELETE: async (c) => {
      await deleteBranch(db, (await requireBranch(db, c)).branch.id);
      return c.body(null, 204);
    },
  });

  resource(app, `${BRANCH}/versions`, {
    GET: async (c) => {
      const { pacticipantName, branch } = await requireBranch(db, c);
      const collection = {
        pacticipantName,
        selfUrl: `${branchUrl(c.get('baseUrl'), pacticipantName, branch.name)}/versions`,
        title: `Versions for branch ${branch.name} of ${pacticipantName}`,
      };
      return versionsResponse(db, c, collection, await listVersionsInReverseOrder(db, branch.pacticipant_id, branch.id));
    },
  });

  resource(app, `${BRANCH}/versions/:version`, {
    GET: async (c) => {
      const { pacticipantName, branchVersion, version } = await requireBranchVersion(db, c);
      return halJson(decorateBranchVersion(pacticipantName, branchVersion, version, c.get('baseUrl')));
    },
    // Body ignored (the verifier sends {}, the CLI {"name": branch}), but it must be JSON if there is one.
    PUT: async (c) => {
      await readJsonBody(c.req.raw, { emptyBody: {} });
      const [pacticipantName, branchName, number] = [pathParam(c, 'pacticipant'), pathParam(c, 'branch'), pathParam(c, 'version')];
      const now = clock().toISOString();
      const { version, branchVersion, created } = await ensureVersion(db, pacticipantName, number, now, async (tx, { version }) => ({
        version,
        ...(await addVersionToBranch(tx, version, branchName, now)),
      }));
      const baseUrl = c.get('baseUrl');
      const headers: Record<string, string> = created ? { location: branchVersionUrl(baseUrl, pacticipantName, branchName, number) } : {};
      return halJson(decorateBranchVersion(pacticipantName, branchVersion, version, baseUrl), created ? 201 : 200, headers);
    },
    DELETE: async (c) => {
      await removeVersionFromBranch(db, (await requireBranchVersion(db, c)).branchVersion);
      return c.body(null, 204);
    },
  });

  return app;
}

async function requireBranch(db: Db, c: BrokerContext): Promise<{ pacticipantName: string; branch: BranchRow }> {
  const pacticipant = await requirePacticipant(db, c);
  return { pacticipantName: pacticipant.name, branch: orNotFound(await findBranch(db, pacticipant.id, pathParam(c, 'branch'))) };
}

async function requireBranchVersion(db: Db, c: BrokerContext) {
  const { pacticipantName, branch } = await requireBranch(db, c);
  const version = orNotFound(await findVersion(db, branch.pacticipant_id, pathParam(c, 'version')));
  return { pacticipantName, version, branchVersion: orNotFound(await findBranchVersion(db, branch.id, version.id)) };
}
