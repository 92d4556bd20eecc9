import type Dockerode from 'dockerode';
import { RuntimeError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { waitFor } from '../../../shared/wait-for.js';
import { dockerNames, LABELS } from '../docker/docker-names.js';
import type { DockerEngine } from '../engine/docker-engine.js';
import type { DataCopy } from '../runtime.js';

// A swarm tenant's database moves to another node (issue 12, item 5). A local volume stays on its
// node, so the data travel as a backup: back up → the db service pinned to the target (Swarm stops
// the old task first, the target's engine makes a new, empty volume of the same name) → restore into
// it → the broker's node label follows → the old volume is deleted on the old node. Until the new
// database serves the restored data the old volume is untouched: on any failure the db service is
// pinned back to the old node, where postgres starts again over the data as they were.

export interface DatabaseMove {
  engine: DockerEngine;
  tenant: string;
  from: string;
  to: string;
  /** The db service's spec pinned to a node (the tenant's own spec, only the node differs). */
  databaseSpec: (node: string) => Promise<Dockerode.ServiceSpec>;
  copy: DataCopy;
  /** Resolves once the broker serves from its database again (nothing to wait for when the tenant is stopped). */
  brokerServes: () => Promise<void>;
  /** Deletes the tenant's volume on a node (a one-shot task there). */
  removeVolume: (node: string) => Promise<void>;
  /** `sw2` for a node id, for sentences. */
  nodeName: (node: string) => string;
  timeoutMs: number;
  logger: Logger;
}

/** Moves the database; a failure puts it back on `from` and throws a sentence naming the step that failed. */
export async function moveDatabase(move: DatabaseMove): Promise<void> {
  const { from, to, nodeName } = move;
  const started = Date.now();
  // Nothing has changed yet when the backup fails (a refusal keeps its status: an image whose data cannot be copied, say).
  await move.copy.backup();
  let step = `starting its database on ${nodeName(to)}`;
  try {
    await pinDatabase(move, to);
    step = `restoring the backup into the database on ${nodeName(to)}`;
    await move.copy.restore();
    step = 'switching the broker to the new database';
    await labelBroker(move.engine, move.tenant, to);
    await move.brokerServes();
  } catch (error) {
    throw await rollBack(move, step, error);
  }
  move.logger.info('tenant database moved', { tenant: move.tenant, from: nodeName(from), to: nodeName(to), ms: Date.now() - started });
  // The data serve from the new node: the tenant serves again while the old volume, only a leftover now, is deleted (a failure there loses nothing).
  move.copy.switched();
  await move.removeVolume(from).catch((error: unknown) =>
    move.logger.warn('the moved tenant\'s old volume could not be deleted on its old node; delete it by hand', { tenant: move.tenant, node: nodeName(from), volume: dockerNames.volume(move.tenant), error }),
  );
}

/** Pins the db service to `node` and waits until its one task runs there and no other does. */
async function pinDatabase(move: DatabaseMove, node: string): Promise<void> {
  const name = dockerNames.container(move.tenant, 'db');
  const service = await move.engine.inspectService(name);
  if (!service) throw new RuntimeError(`Its database service ${name} is gone.`);
  await move.engine.updateService(service, await move.databaseSpec(node));
  await waitFor(
    async () => {
      const tasks = await move.engine.listTasks({ service: [name], 'desired-state': ['running'] });
      const there = tasks.filter((task) => task.nodeId === node);
      if (tasks.length === 1 && there[0]?.state === 'running') return true;
      throw new Error(tasks.map((task) => `${move.nodeName(task.nodeId)}: ${task.state}${task.message ? ` (${task.message})` : ''}`).join('; ') || 'no task yet');
    },
    {
      timeoutMs: move.timeoutMs,
      // The tasks meant to run say little once Swarm has given up on one (a rejected task is shut down): the node's own say why.
      describeFailure: async (problem) => {
        const there = (await move.engine.listTasks({ service: [name] }).catch(() => [])).filter((task) => task.nodeId === node && task.message);
        const why = there.slice(0, 2).map((task) => `${task.state} (${task.message})`).join('; ');
        return `${name} did not run on ${move.nodeName(node)} within ${move.timeoutMs / 1000} s (its tasks: ${problem}${why ? `; there: ${why}` : ''})`;
      },
    },
  );
}

/** The broker's `pactsafs.node` label (the desired state the registry is rebuilt from); its tasks are not restarted. */
async function labelBroker(engine: DockerEngine, tenant: string, node: string): Promise<void> {
  const service = await engine.inspectService(dockerNames.container(tenant, 'broker'));
  if (!service || service.labels[LABELS.node] === node) return;
  await engine.updateService(service, { ...service.spec, Labels: { ...service.labels, [LABELS.node]: node } });
}

/** Back on the old node, over the untouched old volume; the error says what failed, and whether going back did too. */
async function rollBack(move: DatabaseMove, step: string, error: unknown): Promise<RuntimeError> {
  const { from, to, nodeName } = move;
  const failed = `Moving tenant "${move.tenant}" to node ${nodeName(to)} failed while ${step}: ${(error as Error).message}`;
  move.logger.error('tenant move failed; putting its database back', { tenant: move.tenant, step, error });
  try {
    await labelBroker(move.engine, move.tenant, from);
    await pinDatabase(move, from);
    await move.brokerServes();
  } catch (back) {
    return new RuntimeError(
      `${failed}. Putting its database back on node ${nodeName(from)} failed too: ${(back as Error).message}. ` +
        `Its data are untouched in the volume ${dockerNames.volume(move.tenant)} on node ${nodeName(from)}; start the tenant to try again.`,
      { cause: error },
    );
  }
  await move.removeVolume(to).catch((cleanup: unknown) => move.logger.warn('the volume a failed move made could not be deleted', { tenant: move.tenant, node: nodeName(to), error: cleanup }));
  return new RuntimeError(`${failed}. The tenant is back on node ${nodeName(from)} with its data as they were.`, { cause: error });
}

/**
 * A move cut short by a platform restart may leave the db service pinned to the move's target, over
 * a new and perhaps empty volume, while the broker's node label (changed only once the restored data
 * served) still names the node whose volume holds the data: the database goes back there.
 */
export async function undoInterruptedMove(engine: DockerEngine, tenant: string, databaseSpec: (node: string) => Promise<Dockerode.ServiceSpec>, logger: Logger): Promise<void> {
  const [db, broker] = await Promise.all([engine.inspectService(dockerNames.container(tenant, 'db')), engine.inspectService(dockerNames.container(tenant, 'broker'))]);
  const dataNode = broker?.labels[LABELS.node];
  const pinned = db?.spec.TaskTemplate?.Placement?.Constraints?.find((constraint) => constraint.startsWith('node.id=='))?.slice('node.id=='.length);
  if (!db || !dataNode || pinned === undefined || pinned === dataNode) return;
  logger.warn('a move of this tenant was cut short: its database goes back to the node of its data', { tenant, pinned, dataNode });
  await engine.updateService(db, await databaseSpec(dataNode));
}
