/**
 * A real multi-node swarm for the suites that need one (issue 12): engines in network namespaces of
 * their own (test/setup/swarm-node.mjs), node 1 the only manager (so no failure test loses the
 * control plane, pitfall 8), the others workers, our images loaded; `close()` kills every engine
 * and container by pid and removes all it created. Runs as root (`provided('swarm')` implies it).
 * Each lab takes a slot of its own, so parallel suites and the long-lived engine sw1 never collide.
 */
import { copyImages, docker, initSwarm, joinSwarm, NODE_IMAGES, swarmState } from '../setup/swarm-cluster.mjs';
import { ensureNetwork, sh, type NodeNetwork } from '../setup/swarm-network.mjs';
import { enginePid, nodePaths, startEngine, stopEngine, type NodeSpec } from '../setup/swarm-node.mjs';
import { claimLabSlot, labNetwork, labNodeSpec, labOverlayPool, releaseLabSlot, removeLab } from './swarm-lab-slots.js';
import { until } from './until.js';

/** One engine of the lab: its namespace, address, Docker host and swarm node ID. */
export interface LabNode extends NodeSpec {
  /** `unix:///run/<name>/docker.sock`, for the docker CLI and PACTSAFS_* settings. */
  host: string;
  /** The same socket as a path, for dockerode. */
  socketPath: string;
  id: string;
}

export interface SwarmLab {
  /** The lab's hub namespace, the host's link into it and the host's address there. */
  readonly network: NodeNetwork;
  readonly manager: LabNode;
  readonly nodes: readonly LabNode[];
  /** Milliseconds each start phase took: network, engines, swarm, images, total. */
  readonly timings: Readonly<Record<string, number>>;
  /** Runs the docker CLI against the node's engine; returns its trimmed stdout, throws with its output. */
  docker(node: LabNode, args: string[]): string;
  /** The node's state as the manager sees it: `ready`, `down`, `unknown`, … */
  nodeState(node: LabNode): string;
  /** Waits until the manager sees the node in `state`; resolves with the milliseconds it took. */
  waitForNodeState(node: LabNode, state: string, timeoutMs?: number): Promise<number>;
  drain(node: LabNode): void;
  activate(node: LabNode): void;
  /** Sets node label `key` (or removes it when `value` is undefined). */
  label(node: LabNode, key: string, value?: string): void;
  /** SIGKILLs the node's engine by pid: its containers keep running as orphans (pitfall 7). */
  kill(node: LabNode): void;
  /** Stops the node's engine (SIGTERM: it stops its containers first) and waits until it is gone. */
  stop(node: LabNode): Promise<void>;
  /** Starts the node's engine again (after kill or stop) and waits until the manager sees it ready. */
  start(node: LabNode): Promise<void>;
  /** Cuts the node off the node network (its engine and tasks keep running), or joins it again. */
  partition(node: LabNode): void;
  heal(node: LabNode): void;
  /** Kills the lab's engines and containers by pid and removes all it created (once; later calls do nothing). */
  close(): Promise<void>;
}

/**
 * Starts a swarm of `nodes` engines (1 manager + workers) holding `images` (default: all of ours,
 * copied from the main engine); call `close()` in afterAll.
 */
export async function startSwarmLab({ nodes: count = 3, images = NODE_IMAGES }: { nodes?: number; images?: string[] } = {}): Promise<SwarmLab> {
  const slot = await claimLabSlot(count);
  const net = labNetwork(slot);
  const specs = Array.from({ length: count }, (_, i) => labNodeSpec(slot, i + 1));
  try {
    const timings = await buildLab(slot, net, specs, images);
    const labNodes = await Promise.all(specs.map(async (spec) => ({ ...spec, ...hostOf(spec), id: (await swarmState(spec)).nodeId })));
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await tearDown(slot, specs);
    };
    return labControls(slot, labNodes, timings, close);
  } catch (error) {
    await tearDown(slot, specs);
    throw error;
  }
}

async function buildLab(slot: number, net: NodeNetwork, specs: NodeSpec[], images: string[]): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const started = Date.now();
  let mark = started;
  const phase = (name: string) => {
    timings[name] = Date.now() - mark;
    mark = Date.now();
  };
  ensureNetwork(net, specs);
  phase('network');
  await Promise.all(specs.map((spec) => startEngine(spec)));
  phase('engines');
  const [manager, ...workers] = specs as [NodeSpec, ...NodeSpec[]];
  initSwarm(manager, labOverlayPool(slot));
  for (const worker of workers) joinSwarm(worker, manager);
  await until('every lab node ready', async () => (readyCount(manager) === specs.length ? true : undefined), 30_000);
  phase('swarm');
  await copyImages(specs, images);
  phase('images');
  timings.total = Date.now() - started;
  return timings;
}

function readyCount(manager: NodeSpec): number {
  return docker(manager, ['node', 'ls', '--format', '{{.Status}}']).split('\n').filter((status) => status === 'Ready').length;
}

function hostOf(spec: NodeSpec): { host: string; socketPath: string } {
  const paths = nodePaths(spec);
  return { host: paths.host, socketPath: paths.socket };
}

function labControls(slot: number, nodes: LabNode[], timings: Record<string, number>, close: () => Promise<void>): SwarmLab {
  const manager = nodes[0]!;
  const { hub } = labNetwork(slot);
  const onManager = (args: string[]) => docker(manager, args);
  const nodeState = (node: LabNode) => onManager(['node', 'inspect', node.id, '--format', '{{.Status.State}}']);
  const waitForNodeState = async (node: LabNode, state: string, timeoutMs = 120_000) => {
    const started = Date.now();
    await until(`${node.name} ${state}`, async () => (nodeState(node) === state ? true : undefined), timeoutMs);
    return Date.now() - started;
  };
  return {
    network: labNetwork(slot),
    manager,
    nodes,
    timings,
    docker,
    nodeState,
    waitForNodeState,
    drain: (node) => void onManager(['node', 'update', '--availability', 'drain', node.id]),
    activate: (node) => void onManager(['node', 'update', '--availability', 'active', node.id]),
    label: (node, key, value) => void onManager(['node', 'update', value === undefined ? '--label-rm' : '--label-add', value === undefined ? key : `${key}=${value}`, node.id]),
    kill: (node) => {
      const pid = enginePid(node);
      if (pid === undefined) throw new Error(`The ${node.name} engine is not running.`);
      process.kill(pid, 'SIGKILL');
    },
    stop: (node) => stopEngine(node),
    start: async (node) => {
      await startEngine(node);
      // The manager may not have noticed the engine was gone: wait for the node's own side as well.
      await until(`${node.name} connected to its swarm`, async () => ((await swarmState(node)).state === 'active' ? true : undefined), 120_000);
      await waitForNodeState(node, 'ready');
    },
    partition: (node) => void sh('ip', ['-n', hub, 'link', 'set', node.name, 'down']),
    heal: (node) => void sh('ip', ['-n', hub, 'link', 'set', node.name, 'up']),
    close,
  };
}

/** Removes everything the lab created, then gives its slot back. */
async function tearDown(slot: number, specs: NodeSpec[]): Promise<void> {
  await removeLab(slot, specs);
  releaseLabSlot(slot);
}
