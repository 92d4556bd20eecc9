import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { pathParam, type BrokerContext, type BrokerEnv, orNotFound, resource } from '../http/index.js';
import { noPreviousVersionText, pactDiffText } from './pact-diff-text.js';
import { findLatestPactWithContent, findNextPact, findPreviousDistinctPact, type PactCriteria, type PactRowWithContent } from './pact-repository.js';

const INTEGRATION = '/pacts/provider/:provider/consumer/:consumer';

type Finder = (c: BrokerContext, pact: PactRowWithContent) => Promise<PactRowWithContent | undefined>;

/**
 * The Ruby broker's PactContentDiff resources (api.rb, pact_content_diff.rb, pacts/diff.rb): a pact
 * against its previous distinct version, another consumer version, or another content version, as text (team issue 14).
 */
export function pactDiffRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  const byVersion = (c: BrokerContext, name: string) => ({ ...integration(c), consumerVersionNumber: pathParam(c, name) });
  const bySha = (c: BrokerContext, name: string) => ({ ...integration(c), sha: pathParam(c, name) });

  const diffs: [string, (c: BrokerContext) => PactCriteria, Finder][] = [
    [`${INTEGRATION}/version/:version/diff/previous-distinct`, (c) => byVersion(c, 'version'), (_c, pact) => findPreviousDistinctPact(db, pact)],
    [`${INTEGRATION}/version/:version/diff/version/:comparison`, (c) => byVersion(c, 'version'), (c) => findPact(byVersion(c, 'comparison'))],
    [`${INTEGRATION}/pact-version/:sha/diff/pact-version/:comparison`, (c) => bySha(c, 'sha'), (c) => findPact(bySha(c, 'comparison'))],
  ];
  for (const [path, criteriaOf, comparisonOf] of diffs) {
    resource(app, path, {
      GET: async (c) => {
        const pact = orNotFound(await findPact(criteriaOf(c)));
        const comparison = await comparisonOf(c, pact);
        if (!comparison) return text(noPreviousVersionText(pact));
        const next = (await findNextPact(db, comparison)) ?? pact;
        return text(pactDiffText({ pact, comparison, changedAt: new Date(next.createdAt), now: clock(), baseUrl: c.get('baseUrl') }));
      },
    });
  }

  /** RB `find_pact`: by consumer version its latest revision, by SHA the latest publication of that content. */
  function findPact(criteria: PactCriteria): Promise<PactRowWithContent | undefined> {
    return findLatestPactWithContent(db, criteria, criteria.sha === undefined ? 'latest' : 'all');
  }

  return app;
}

function integration(c: BrokerContext): Pick<PactCriteria, 'consumerName' | 'providerName'> {
  return { consumerName: pathParam(c, 'consumer'), providerName: pathParam(c, 'provider') };
}

function text(body: string): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'text/plain;charset=utf-8' } });
}
