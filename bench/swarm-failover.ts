/**
 * Swarm failover (issue 12, "Done when: multi-node"): on a three-node lab of its own (a manager running
 * the platform, two workers running the tenants; test/support/swarm-failover.ts, as
 * test/e2e/swarm-failover.e2e.test.ts drives it), a poller through the manager's gateway every 50 ms
 * records each answer. Figures: seconds of failed answers (5xx, or none within 2 s) during a drain of
 * the broker's node with one broker replica (target ≤ 10 s) and with two (target none), and from
 * SIGKILL of the broker's engine to serving again (target ≤ 30 s); also how long the database's node
 * may be down before the tenant is `failed`, and from its engine's start to serving again. Needs root
 * and the swarm part (PACTSAFS_TEST_SWARM set, as npm test sets it); skipped otherwise or with BENCH_SWARM=false.
 */
import {
  createTenant,
  drainWhilePolling,
  killWhilePolling,
  rebalanceOnto,
  servingAgain,
  startFailoverLab,
  tenantView,
  workers,
  type Failover,
  type FailoverLab,
} from '../test/support/swarm-failover.js';
import { until } from '../test/support/until.js';
import { report } from './support.js';

const PORT = 18491;
const [ONE, TWO] = ['fb1', 'fb2'];
const seconds = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));

if (!process.env.PACTSAFS_TEST_SWARM || process.getuid?.() !== 0) {
  console.log('swarm failover bench skipped: it needs root and the swarm part (PACTSAFS_TEST_SWARM, as npm test sets it)');
} else {
  const failover = await startFailoverLab(PORT);
  try {
    await report('Swarm failover (three-node lab: platform on the manager, tenants on two workers; poller through the gateway every 50 ms)',
      ['what', 'failed answers', 'failing s', 'served again after s', 'brokers moved after s', 'node down after s', 'target'],
      [...(await singleReplica(failover)), await twoReplicas(failover)]);
  } finally {
    await failover.close([ONE, TWO]);
  }
}

function row(what: string, result: Failover, target: string): string[] {
  const { outage } = result;
  const failed = Object.entries(outage.failures).map(([status, count]) => `${count} × ${status === '0' ? 'none in 2 s' : status}`).join(', ') || `0 of ${outage.polled}`;
  return [what, failed, seconds(outage.failingMs), seconds(outage.backAfterMs), seconds(result.movedAfterMs), seconds(result.downAfterMs), target];
}

/** Drain, then engine kill of the broker's node, then engine kill of the database's node, for a one-replica tenant. */
async function singleReplica(failover: FailoverLab): Promise<string[][]> {
  const { lab, platform } = failover;
  const tenant = await createTenant(platform, ONE);
  const { dbNode, other } = workers(lab, tenant);
  await rebalanceOnto(failover, ONE, other);
  const drained = row('drain of the broker\'s node, 1 replica', await drainWhilePolling(failover, ONE, other), 'failing ≤ 10 s');
  await rebalanceOnto(failover, ONE, other);
  const killed = row('SIGKILL of the broker\'s engine, 1 replica', await killWhilePolling(failover, ONE, other), 'served again ≤ 30 s');
  await lab.start(other);
  return [drained, killed, await databaseNodeLoss(failover, dbNode)];
}

/** The database's engine killed: seconds until the tenant is `failed`; its engine started again: seconds until it serves. */
async function databaseNodeLoss(failover: FailoverLab, dbNode: FailoverLab['lab']['manager']): Promise<string[]> {
  const { lab, platform } = failover;
  const killedAt = Date.now();
  lab.kill(dbNode);
  await until(`${ONE} failed`, async () => ((await tenantView(platform, ONE)).state === 'failed' ? true : undefined), 180_000);
  const failedAfter = Date.now() - killedAt;
  const startedAt = Date.now();
  await lab.start(dbNode);
  await until(`${ONE} running`, async () => ((await tenantView(platform, ONE)).state === 'running' ? true : undefined), 180_000);
  await servingAgain(platform, ONE);
  return ['SIGKILL of the database\'s engine, then started again', '503 while failed', '–', `${seconds(Date.now() - startedAt)} after the start`, '–', `failed after ${seconds(failedAfter)}`, 'back when the node is'];
}

async function twoReplicas(failover: FailoverLab): Promise<string[]> {
  const { lab, platform } = failover;
  const tenant = await createTenant(platform, TWO, 2);
  const { other } = workers(lab, tenant);
  await rebalanceOnto(failover, TWO, other);
  return row('drain of a broker\'s node, 2 replicas', await drainWhilePolling(failover, TWO, other), 'no failed answer');
}
