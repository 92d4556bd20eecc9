import type Dockerode from 'dockerode';
import { RuntimeError } from '../../../shared/errors.js';
import { waitFor } from '../../../shared/wait-for.js';
import type { DockerEngine } from '../engine/docker-engine.js';

// A local volume lives on the node whose task used it, and only that node's engine can delete it
// (issue 12). The manager cannot, so a one-shot task on that node does: the platform image (it has
// node, and runs on every node as a gateway) asks the node's own engine socket to delete the
// volume, waiting while the database task that used it is still being removed. A one-replica
// service that is not restarted, not a Swarm job: dockerd 20.10 leaves a finished job's container
// behind when the job is removed.

/**
 * Deletes `volume` over the engine socket at `/var/run/docker.sock`; 404 is fine, 409 (in use) is
 * retried for 60 s. Swarm keeps the containers of a node's ended tasks (task history, issue 12: the
 * database's old task after a move), and they hold the volume: exited ones are deleted first.
 */
const DELETE_VOLUME_SCRIPT = `
const http = require('node:http');
const name = process.argv[1];
const deadline = Date.now() + 60000;
const call = (method, path) => new Promise((resolve, reject) => http.request({ socketPath: '/var/run/docker.sock', method, path }, (res) => {
  let body = '';
  res.on('data', (chunk) => (body += chunk));
  res.on('end', () => resolve({ status: res.statusCode, body }));
}).on('error', reject).end());
const ended = encodeURIComponent(JSON.stringify({ volume: [name], status: ['exited', 'dead'] }));
const attempt = async () => {
  const { status } = await call('DELETE', '/volumes/' + encodeURIComponent(name));
  if (status === 204 || status === 404) process.exit(0);
  if (status === 409 && Date.now() < deadline) {
    const { body } = await call('GET', '/containers/json?all=1&filters=' + ended);
    for (const container of JSON.parse(body)) await call('DELETE', '/containers/' + container.Id);
    return setTimeout(() => attempt().catch(fail), 500);
  }
  fail(new Error('deleting volume ' + name + ' answered HTTP ' + status));
};
const fail = (error) => { console.error(error.message); process.exit(1); };
attempt().catch(fail);
`;

/** The one-shot service that deletes `volume` on node `nodeId` (pure: tested without an engine). */
export function volumeRemovalSpec(options: { volume: string; nodeId: string; image: string; nodeSocket: string; labels: Record<string, string> }): Dockerode.ServiceSpec {
  return {
    Name: `${options.volume}-rm`,
    Labels: options.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: options.image,
        // The engine socket belongs to root.
        User: 'root',
        Command: ['node', '-e', DELETE_VOLUME_SCRIPT, options.volume],
        // Swarm expands templates in mount sources: `/run/{{.Node.Hostname}}/docker.sock` for engines with a socket per node.
        Mounts: [
          { Type: 'bind', Source: options.nodeSocket, Target: '/var/run/docker.sock' },
          // The image declares VOLUME /data: without a mount there each run would leave an anonymous volume.
          { Type: 'tmpfs', Source: '', Target: '/data' },
        ],
      },
      RestartPolicy: { Condition: 'none' },
      Placement: { Constraints: [`node.id==${options.nodeId}`] },
    },
    Mode: { Replicated: { Replicas: 1 } },
  };
}

/** Runs the removal task on the volume's node and waits for it; a failure says what the task reported. */
export async function removeVolumeOnNode(
  engine: DockerEngine,
  options: Parameters<typeof volumeRemovalSpec>[0] & { timeoutMs: number },
): Promise<void> {
  const spec = volumeRemovalSpec(options);
  const name = spec.Name ?? '';
  await engine.removeService(name); // left by an earlier, interrupted removal
  await engine.createService(spec);
  try {
    const outcome = await waitFor(
      async () => {
        const tasks = await engine.listTasks({ service: [name] });
        return tasks.find((task) => task.state === 'complete' || task.state === 'failed' || task.state === 'rejected');
      },
      {
        timeoutMs: options.timeoutMs,
        describeFailure: (problem) => `Deleting the volume ${options.volume} on node ${options.nodeId} did not finish within ${options.timeoutMs / 1000} s (last: ${problem}).`,
      },
    );
    if (outcome.state !== 'complete') {
      throw new RuntimeError(`Deleting the volume ${options.volume} on node ${options.nodeId} failed: ${outcome.message || outcome.state}.`);
    }
  } finally {
    await engine.removeService(name);
  }
}
