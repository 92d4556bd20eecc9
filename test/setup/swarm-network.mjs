// The node network of the swarm engines (issue 12): a hub namespace holding bridge br-swarm, one
// namespace per node on it, and the host joined through a veth. Facts:
// docs/local-engines.md#node-network. Plain JS: it runs before tsx and is shared with test/support/swarm-lab.ts.
import { spawnSync } from 'node:child_process';
import { commandError } from './command-output.mjs';

/** Runs `ip` (or another short command) and throws with its output when it fails. */
export function sh(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw commandError(`${command} ${args.join(' ')}`, result);
  return result.stdout;
}

/** Whether network namespace `name` exists. */
export function netnsExists(name) {
  return sh('ip', ['netns', 'list']).split('\n').some((line) => line.split(' ')[0] === name);
}

/**
 * Creates what is missing of the node network: hub namespace with bridge `br-swarm` (its own
 * namespace, because the host's FORWARD policy is DROP, pitfall 2), the host's veth `net.hostLink`
 * with `net.hostAddress`, and per node a namespace with eth0 = `node.address`/24 and no default
 * route (a registry lookup fails at once instead of timing out, pitfall 10).
 */
export function ensureNetwork(net, nodes) {
  if (!netnsExists(net.hub)) {
    sh('ip', ['netns', 'add', net.hub]);
    sh('ip', ['-n', net.hub, 'link', 'set', 'lo', 'up']);
    sh('ip', ['-n', net.hub, 'link', 'add', 'br-swarm', 'type', 'bridge']);
    sh('ip', ['-n', net.hub, 'link', 'set', 'br-swarm', 'up']);
  }
  if (!hostLinkExists(net.hostLink)) {
    sh('ip', ['link', 'add', net.hostLink, 'type', 'veth', 'peer', 'name', net.hostLink, 'netns', net.hub]);
    sh('ip', ['-n', net.hub, 'link', 'set', net.hostLink, 'master', 'br-swarm', 'up']);
    sh('ip', ['addr', 'add', `${net.hostAddress}/24`, 'dev', net.hostLink]);
    sh('ip', ['link', 'set', net.hostLink, 'up']);
  }
  for (const node of nodes) ensureNodeNamespace(net, node);
}

function hostLinkExists(name) {
  return spawnSync('ip', ['link', 'show', 'dev', name], { stdio: 'ignore' }).status === 0;
}

function ensureNodeNamespace(net, node) {
  if (netnsExists(node.name)) return;
  sh('ip', ['netns', 'add', node.name]);
  sh('ip', ['-n', net.hub, 'link', 'add', node.name, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', node.name]);
  sh('ip', ['-n', net.hub, 'link', 'set', node.name, 'master', 'br-swarm', 'up']);
  sh('ip', ['-n', node.name, 'link', 'set', 'lo', 'up']);
  sh('ip', ['-n', node.name, 'addr', 'add', `${node.address}/24`, 'dev', 'eth0']);
  sh('ip', ['-n', node.name, 'link', 'set', 'eth0', 'up']);
}

/** The host's end of the node network and the hub namespace go; the nodes' namespaces must be gone first. */
export function removeNetwork(net) {
  // The host end first: deleting the hub alone leaves it for a moment (namespaces go asynchronously, pitfall 11).
  if (hostLinkExists(net.hostLink)) sh('ip', ['link', 'del', net.hostLink]);
  if (netnsExists(net.hub)) sh('ip', ['netns', 'del', net.hub]);
}

/** Pids still running in a node's namespace (its engine, containerd, shims, task processes). */
export function namespacePids(node) {
  if (!netnsExists(node.name)) return [];
  return sh('ip', ['netns', 'pids', node.name]).split('\n').filter(Boolean).map(Number);
}
