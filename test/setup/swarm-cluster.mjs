// The swarm on top of the nodes of swarm-node.mjs (issue 12): init, join, and our images copied in
// from the main engine (there is no registry). Plain JS: it runs before tsx and is shared with
// test/support/swarm-lab.ts. Facts and timings: docs/local-engines.md#swarm-and-images.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { commandError } from './command-output.mjs';
import { engineGet, nodePaths } from './swarm-node.mjs';

const MAIN_SOCKET = '/var/run/docker.sock';
const images = JSON.parse(readFileSync(new URL('../../compose/images/images.json', import.meta.url), 'utf8'));
/** The images a swarm node may run: everything `npm run images` builds except the base they share. */
export const NODE_IMAGES = [images.postgres.tag, images.broker.tag, images.platform.tag];

/** Runs the docker CLI against the node's engine; resolves with its stdout, throws with its output. */
export function docker(node, args) {
  const result = spawnSync('docker', ['-H', nodePaths(node).host, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw commandError(`docker ${args.join(' ')} on ${node.name}`, result);
  return result.stdout.trim();
}

/** The node's swarm state: `inactive`, `active`, …, and whether it is a manager. */
export async function swarmState(node) {
  const info = await engineGet(nodePaths(node).socket, '/info');
  if (info?.status !== 200) throw new Error(`The ${node.name} engine did not answer GET /info.`);
  const { Swarm } = JSON.parse(info.body);
  return { state: Swarm.LocalNodeState, manager: Swarm.ControlAvailable === true, nodeId: Swarm.NodeID };
}

/** Makes the node the first manager of a new swarm whose overlays take their subnets from `pool`. */
export function initSwarm(node, pool) {
  docker(node, [
    'swarm', 'init',
    '--advertise-addr', node.address,
    '--listen-addr', `${node.address}:2377`,
    '--default-addr-pool', pool,
    '--default-addr-pool-mask-length', '24',
  ]);
}

/** Joins the node to the manager's swarm as a worker. */
export function joinSwarm(node, manager) {
  const token = docker(manager, ['swarm', 'join-token', '-q', 'worker']);
  docker(node, ['swarm', 'join', '--advertise-addr', node.address, '--listen-addr', `${node.address}:2377`, '--token', token, `${manager.address}:2377`]);
}

/**
 * Copies our images from the main engine into each node, only those whose image ID differs there:
 * one `docker save` streamed into a `docker load` per node (in parallel). Resolves with the tags
 * copied per node.
 */
export async function copyImages(nodes, tags = NODE_IMAGES) {
  const wanted = await Promise.all(tags.map((tag) => imageId(MAIN_SOCKET, tag)));
  const missing = wanted.findIndex((id) => id === undefined);
  if (missing >= 0) throw new Error(`The main engine has no image ${tags[missing]}; build it with \`npm run images\`.`);
  const stale = await Promise.all(
    nodes.map(async (node) => {
      const have = await Promise.all(tags.map((tag) => imageId(nodePaths(node).socket, tag)));
      return tags.filter((_, i) => have[i] !== wanted[i]);
    }),
  );
  // Nodes that lack the same images share one save (a fresh lab: all of them).
  const groups = new Map();
  nodes.forEach((node, i) => {
    if (stale[i].length > 0) groups.set(stale[i].join(' '), [...(groups.get(stale[i].join(' ')) ?? []), node]);
  });
  await Promise.all([...groups].map(([joined, group]) => saveInto(group, joined.split(' '))));
  return stale;
}

async function imageId(socketPath, tag) {
  const answer = await engineGet(socketPath, `/images/${encodeURIComponent(tag)}/json`);
  return answer?.status === 200 ? JSON.parse(answer.body).Id : undefined;
}

function saveInto(nodes, tags) {
  const save = spawn('docker', ['-H', `unix://${MAIN_SOCKET}`, 'save', ...tags], { stdio: ['ignore', 'pipe', 'pipe'] });
  const loads = nodes.map((node) => spawn('docker', ['-H', nodePaths(node).host, 'load', '-q'], { stdio: ['pipe', 'ignore', 'pipe'] }));
  // pipe() to several streams reads on only as fast as the slowest load takes it.
  for (const load of loads) save.stdout.pipe(load.stdin);
  return Promise.all([finished(save, 'docker save'), ...loads.map((load, i) => finished(load, `docker load on ${nodes[i].name}`))]);
}

function finished(child, what) {
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve() : reject(commandError(what, { status, stderr }))));
  });
}
