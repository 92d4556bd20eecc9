import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { findExistingEnvironmentNames } from '../environments/index.js';
import { HAL_JSON, halJson, pathParam, rawQuery, type BrokerEnv, HttpError, validationFailed, resource } from '../http/index.js';
import { requireNamedPacticipant, findPacticipantsByNames } from '../pacticipants/index.js';
import { summarizeDeploymentStatus, type MatrixResult } from './deployment-status.js';
import { decorateMatrix } from './matrix-decorator.js';
import { parseCanIDeployQuery, parseMatrixQuery, type MatrixQuery } from './matrix-query.js';
import { validateCanIDeployQuery, validateMatrixOptions, validateMatrixQuery, type KnownNames } from './matrix-validation.js';
import { findVersionFacts } from './selector-repository.js';

/**
 * How the matrix resources find a query's matrix: app.ts gives bi-directional/'s, which compares the pairs
 * never compared first (team issue 15), so that matrix/ does not import it (team issue 16).
 */
export type MatrixFinder = (query: MatrixQuery, baseUrl: string) => Promise<MatrixResult>;

/** `GET /matrix` (what `can-i-deploy` and `can-i-merge` ask) and `GET /can-i-deploy` (docs/broker-api.md#matrix-and-can-i-deploy). */
export function matrixRoutes(db: Db, findMatrixOf: MatrixFinder): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  resource(app, '/matrix', {
    GET: async (c) => {
      const query = parseMatrixQuery(rawQuery(c));
      const names = [...query.selectors, ...query.options.ignoreSelectors].flatMap((s) => (s.pacticipantName === undefined ? [] : [s.pacticipantName]));
      const errors = validateMatrixQuery(query, await knownNames(db, names, query.options.environmentName));
      if (errors.length > 0) throw matrixValidationFailed(errors);
      return halJson(await matrixBody(db, findMatrixOf, query, c.get('baseUrl')));
    },
  });

  // RB matrix_for_consumer_and_provider.rb: every version pair of one integration, options as /matrix's;
  // webmachine checks the options (400) before the pacticipants (404, RB base_resource.rb#find_pacticipant).
  resource(app, '/matrix/provider/:provider/consumer/:consumer', {
    GET: async (c) => {
      const names = [pathParam(c, 'consumer'), pathParam(c, 'provider')];
      const { options } = parseMatrixQuery(rawQuery(c));
      const known = await knownNames(db, names, options.environmentName);
      const errors = validateMatrixOptions(options, known);
      if (errors.length > 0) throw matrixValidationFailed(errors);
      await requireNamedPacticipant(db, pathParam(c, 'consumer'), 'consumer');
      await requireNamedPacticipant(db, pathParam(c, 'provider'), 'provider');
      return halJson(await matrixBody(db, findMatrixOf, { selectors: names.map((pacticipantName) => ({ pacticipantName })), options }, c.get('baseUrl')));
    },
  });

  resource(app, '/can-i-deploy', {
    GET: async (c) => {
      const query = rawQuery(c);
      const params = new URLSearchParams(query);
      const known = await knownNames(db, params.getAll('pacticipant'), params.get('environment') ?? undefined);
      const errors = validateCanIDeployQuery(params, known);
      if (Object.keys(errors).length > 0) throw validationFailed(errors);
      return halJson(await matrixBody(db, findMatrixOf, parseCanIDeployQuery(query), c.get('baseUrl')));
    },
  });

  return app;
}

/** The matrix answers its validation errors as a list, unlike the other resources' field map. */
function matrixValidationFailed(errors: string[]): HttpError {
  return new HttpError(400, { kind: 'body', body: { errors }, contentType: HAL_JSON });
}

async function matrixBody(db: Db, findMatrixOf: MatrixFinder, query: MatrixQuery, baseUrl: string): Promise<unknown> {
  const result = await findMatrixOf(query, baseUrl);
  const rows = [...result.considered, ...result.ignored];
  const versionIds = rows.flatMap((row) => (row.providerVersionId === null ? [row.consumerVersionId] : [row.consumerVersionId, row.providerVersionId]));
  const versionFacts = await findVersionFacts(db, versionIds);
  return decorateMatrix({ considered: result.considered, ignored: result.ignored, status: summarizeDeploymentStatus(result), versionFacts }, baseUrl);
}

async function knownNames(db: Db, pacticipantNames: readonly string[], environmentName: string | undefined): Promise<KnownNames> {
  return {
    pacticipants: new Set((await findPacticipantsByNames(db, pacticipantNames)).keys()),
    environments: await findExistingEnvironmentNames(db, environmentName ? [environmentName] : []),
  };
}
