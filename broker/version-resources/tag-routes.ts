import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { tagUrl } from '../hal/index.js';
import { halJson, pathParam, type BrokerContext, type BrokerEnv, orNotFound, readJsonBody, resource } from '../http/index.js';
import { requirePacticipant } from '../pacticipants/index.js';
import { findVersion, ensureVersion, decorateTag, deleteTag, findTag, getTag, tagVersion } from '../versions/index.js';
import { recordDeploymentForTag } from '../deployments/index.js';

/**
 * `/pacticipants/{p}/versions/{v}/tags/{t}` (docs/broker-api.md#tags); `createDeployedVersionsForTags`:
 * a tag named as an environment records a deployment there (`PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS`).
 */
export function tagRoutes(db: Db, clock: () => Date, createDeployedVersionsForTags = true): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/pacticipants/:pacticipant/versions/:version/tags/:tag', {
    GET: async (c) => {
      const { pacticipantName, version, tag } = await requireTag(db, c);
      return halJson(decorateTag(pacticipantName, version, tag, c.get('baseUrl')));
    },
    // Body ignored (the CLI sends {"name": tag}), but it must be JSON if there is one. Creates pacticipant and version as needed.
    PUT: async (c) => {
      await readJsonBody(c.req.raw, { emptyBody: {} });
      const [pacticipantName, number, tagName] = [pathParam(c, 'pacticipant'), pathParam(c, 'version'), pathParam(c, 'tag')];
      const now = clock().toISOString();
      const { version, tag, created } = await ensureVersion(db, pacticipantName, number, now, async (tx, { version }) => {
        const existing = await findTag(tx, version.id, tagName);
        if (existing) return { version, tag: existing, created: false };
        await tagVersion(tx, version, tagName, now);
        return { version, tag: await getTag(tx, version.id, tagName), created: true };
      });
      // Also when the tag existed, as the Ruby resource's from_json does.
      if (createDeployedVersionsForTags) await recordDeploymentForTag(db, pacticipantName, version, tagName, now);
      const baseUrl = c.get('baseUrl');
      const headers: Record<string, string> = created ? { location: tagUrl(baseUrl, pacticipantName, number, tagName) } : {};
      return halJson(decorateTag(pacticipantName, version, tag, baseUrl), created ? 201 : 200, headers);
    },
    DELETE: async (c) => {
      const { version, tag } = await requireTag(db, c);
      await deleteTag(db, version.id, tag.name);
      return c.body(null, 204);
    },
  });
  return app;
}

async function requireTag(db: Db, c: BrokerContext) {
  const pacticipant = await requirePacticipant(db, c);
  const version = orNotFound(await findVersion(db, pacticipant.id, pathParam(c, 'version')));
  return { pacticipantName: pacticipant.name, version, tag: orNotFound(await findTag(db, version.id, pathParam(c, 'tag'))) };
}
