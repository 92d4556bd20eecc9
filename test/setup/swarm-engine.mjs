// Provides what the swarm suites need (issue 12): an extra engine `sw1`, a single-node swarm manager
// in a network namespace of its own, so the main engine (which other suites use) never enters swarm
// mode. The host reaches the node at 10.99.0.11 from 10.99.0.1. Like the main engine it is left
// running for the next run; `node test/setup/swarm-engine.mjs --down` removes it and everything it
// created. Plain JS: it runs before tsx. Facts: docs/local-engines.md#swarm-in-network-namespaces.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { copyImages, initSwarm, swarmState } from './swarm-cluster.mjs';
import { ensureNetwork, removeNetwork } from './swarm-network.mjs';
import { engineAnswers, nodePaths, removeNode, startEngine, stopEngine } from './swarm-node.mjs';

const NETWORK = { hub: 'swhub', hostLink: 'swhost', hostAddress: '10.99.0.1' };
// Address ranges apart from the main engine's (172.17/16, 172.31/16) and from the lab's
// (test/support/swarm-lab.ts), so that no route on the host or in a node is ambiguous.
const SW1 = { name: 'sw1', address: '10.99.0.11', bip: '10.100.1.1/24', pool: '10.111.0.0/16' };
const OVERLAY_POOL = '10.120.0.0/16';
const DOWN_COMMAND = 'node test/setup/swarm-engine.mjs --down';

/** The Docker host of the swarm engine, as the suites get it in PACTSAFS_TEST_SWARM. */
export const SWARM_ENGINE_HOST = nodePaths(SW1).host;
/** Names and address ranges sw1 takes (the swarm labs keep clear of them). */
export const SWARM_ENGINE_LAYOUT = { network: NETWORK, node: SW1, overlayPool: OVERLAY_POOL };

/**
 * Makes sure engine sw1 answers on unix:///run/sw1/docker.sock as a swarm manager holding our
 * current images, creating its namespaces and starting it as root; reuses a running one.
 */
export async function ensureSwarmEngine({ log = console.log } = {}) {
  const started = Date.now();
  if (!(await engineAnswers(SW1))) {
    if (process.getuid?.() !== 0) throw new Error(`No swarm engine answers on ${SWARM_ENGINE_HOST}, and only root can start one (network namespaces). Fix: run the tests as root.`);
    const absent = ['ip', 'unshare', 'dockerd'].filter((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
    if (absent.length > 0) throw new Error(`${absent.join(', ')} not found; the swarm engine needs iproute2, util-linux and docker.io.`);
    // An engine that runs but does not answer (e.g. a half-started one) is stopped and started again;
    // a killed one's containers may still run (pitfall 7): stopEngine ends them by pid either way.
    await stopEngine(SW1);
    ensureNetwork(NETWORK, [SW1]);
    log(`starting swarm engine sw1 (log: ${nodePaths(SW1).log})`);
    await startEngine(SW1);
  }
  const swarm = await swarmState(SW1);
  if (swarm.state === 'inactive') initSwarm(SW1, OVERLAY_POOL);
  else if (swarm.state !== 'active' || !swarm.manager) {
    throw new Error(`Engine sw1 is in swarm state "${swarm.state}"${swarm.manager ? '' : ', not a manager'}. Fix: \`${DOWN_COMMAND}\`, then run the tests again.`);
  }
  const [copied = []] = await copyImages([SW1]);
  const images = copied.length > 0 ? `loaded ${copied.join(', ')}` : 'images up to date';
  log(`swarm engine sw1 ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${images})`);
  return SWARM_ENGINE_HOST;
}

/** Stops engine sw1 by its pid and removes its namespaces, links, state and cgroups. */
export async function removeSwarmEngine({ log = console.log } = {}) {
  const started = Date.now();
  await stopEngine(SW1);
  removeNode(SW1);
  removeNetwork(NETWORK);
  log(`swarm engine sw1 removed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const down = process.argv.includes('--down');
  await (down ? removeSwarmEngine() : ensureSwarmEngine()).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
