import { Hono } from 'hono';
import type { Db } from '../db/index.js';
import { formatTime } from '../hal/index.js';
import { halJson, type BrokerEnv, resource } from '../http/index.js';
import * as repository from './metrics-repository.js';

/** `GET /metrics`: the Ruby broker's JSON counts of what the broker holds (not Prometheus). */
export function metricsRoutes(db: Db): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();
  resource(app, '/metrics', { GET: async () => halJson(await brokerMetrics(db)) });
  return app;
}

async function brokerMetrics(db: Db) {
  const count = (table: Parameters<typeof repository.countRows>[1]) => repository.countRows(db, table);
  const times = (table: 'pact_publications' | 'verifications') =>
    repository.firstAndLast(db, table).then(({ first, last }) => ({ first: first ? formatTime(first) : null, last: last ? formatTime(last) : null }));
  const verifications = await repository.verificationCounts(db);
  const tags = await repository.tagCounts(db);
  return {
    pacticipants: { count: await count('pacticipants') },
    integrations: { count: await count('integrations') },
    pactPublications: { count: await count('pact_publications'), ...(await times('pact_publications')) },
    pactVersions: { count: await count('pact_versions') },
    pactRevisionsPerConsumerVersion: { distribution: await repository.revisionsPerConsumerVersion(db) },
    verificationResults: {
      count: await count('verifications'),
      successCount: verifications.success,
      failureCount: verifications.failure,
      distinctCount: verifications.distinct,
      ...(await times('verifications')),
    },
    verificationResultsPerPactVersion: { distribution: await repository.verificationsPerPactVersion(db) },
    pacticipantVersions: { count: await count('versions') },
    webhooks: { count: await count('webhooks') },
    tags: { count: await count('tags'), distinctCount: tags.distinct, distinctWithPacticipantCount: tags.distinctWithPacticipant },
    triggeredWebhooks: { count: await count('triggered_webhooks') },
    webhookExecutions: { count: await count('webhook_executions') },
    matrix: { count: await repository.matrixRowCount(db) },
  };
}
