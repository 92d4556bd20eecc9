import { Hono } from 'hono';
import type { Logger } from '../../shared/logger.js';
import type { Db } from '../db/index.js';
import { pathParam, type BrokerContext, type BrokerEnv, generateErrorReference, resource } from '../http/index.js';
import { canIDeployBranchToEnvironmentBadge, canIDeployTagToTagBadge, canIMergeMainBranchBadge } from './can-i-deploy-badge-service.js';
import { renderBadgeSvg, type Badge } from './badge-svg.js';
import { errorBadge } from './badge-texts.js';
import { latestPactBadge, matrixBadge } from './pact-badge-service.js';

const PACT = '/pacts/provider/:provider/consumer/:consumer';

/**
 * Status badges for READMEs (the Ruby broker's badge resources): always an SVG, also for what does
 * not exist or fails, so that an embedding page never shows a broken image.
 *
 * Badges stay public once the broker has basic auth (the Ruby broker's `enable_public_badge_access`):
 * a README's image request carries no credentials. The auth middleware must let these paths through.
 */
export function badgeRoutes(db: Db, logger: Logger): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  const pactBadge = (c: BrokerContext, consumerTag?: string) =>
    latestPactBadge(db, { consumerName: pathParam(c, 'consumer'), providerName: pathParam(c, 'provider'), consumerTag, ...labelOptions(c) });
  // Registered before the pact routes' `latest/:tag`, which `latest/badge` would match too.
  resource(app, `${PACT}/latest/badge`, { GET: (c) => answer(c, () => pactBadge(c)) });
  resource(app, `${PACT}/latest/:tag/badge`, { GET: (c) => answer(c, () => pactBadge(c, pathParam(c, 'tag'))) });

  resource(app, '/matrix/provider/:provider/latest/:providerTag/consumer/:consumer/latest/:tag/badge', {
    GET: (c) =>
      answer(c, () =>
        matrixBadge(db, {
          consumerName: pathParam(c, 'consumer'),
          providerName: pathParam(c, 'provider'),
          consumerTag: pathParam(c, 'tag'),
          providerTag: pathParam(c, 'providerTag'),
          ...labelOptions(c),
        }),
      ),
  });

  resource(app, '/pacticipants/:pacticipant/latest-version/:tag/can-i-deploy/to/:to/badge', {
    GET: (c) =>
      answer(c, async () => ({
        badge: await canIDeployTagToTagBadge(db, { pacticipantName: pathParam(c, 'pacticipant'), tag: pathParam(c, 'tag'), to: pathParam(c, 'to'), label: label(c) }),
      })),
  });
  resource(app, '/pacticipants/:pacticipant/branches/:branch/latest-version/can-i-deploy/to-environment/:environment/badge', {
    GET: (c) =>
      answer(c, async () => ({
        badge: await canIDeployBranchToEnvironmentBadge(db, {
          pacticipantName: pathParam(c, 'pacticipant'),
          branch: pathParam(c, 'branch'),
          environmentName: pathParam(c, 'environment'),
          label: label(c),
        }),
      })),
  });

  resource(app, '/pacticipants/:pacticipant/main-branch/can-i-merge/badge', {
    GET: (c) =>
      answer(c, async () => {
        const { badge, answered } = await canIMergeMainBranchBadge(db, pathParam(c, 'pacticipant'));
        // RB can_i_merge_badge.rb: an answer may be cached (badge_default_cache_setting), a "not found" may not.
        return { badge, cacheControl: answered ? BADGE_DEFAULT_CACHE : undefined };
      }),
  });

  /** The badge as SVG; an unexpected error is logged once and still answers a badge, with its reference. */
  async function answer(c: BrokerContext, find: () => Promise<{ badge: Badge; note?: string; cacheControl?: string | undefined }>): Promise<Response> {
    try {
      const { badge, note, cacheControl } = await find();
      return svg(badge, note, cacheControl);
    } catch (error) {
      const reference = generateErrorReference();
      logger.error('Unexpected error', { reference, method: c.req.method, path: c.req.path, error });
      return svg(errorBadge('error', `reference: ${reference}`));
    }
  }

  return app;
}

/** The Ruby broker's default `badge_default_cache_setting` (`runtime_configuration.rb`). */
const BADGE_DEFAULT_CACHE = 'max-age=30';

function svg(badge: Badge, note?: string, cacheControl = 'no-cache'): Response {
  // no-cache by default: a README's badge must show the latest verification, not what an image cache kept.
  return new Response(renderBadgeSvg(badge, note), { headers: { 'content-type': 'image/svg+xml', 'cache-control': cacheControl } });
}

/** `?label=`, where an empty value counts as none. */
function label(c: BrokerContext): string | undefined {
  return c.req.query('label') || undefined;
}

function labelOptions(c: BrokerContext) {
  return { label: label(c), initials: c.req.query('initials') === 'true' };
}
