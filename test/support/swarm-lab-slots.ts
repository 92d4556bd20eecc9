/**
 * Names and addresses of swarm labs (issue 12). Each lab started at the same time takes a slot of
 * its own, claimed with a lock file, so parallel suites never share a namespace or an address.
 * Slot s: node network 10.98.s.0/24 (host 10.98.s.1, node i 10.98.s.(10+i)), docker0 10.101.(10s+i).1/24,
 * local networks 10.(125+5(s-1)+i).0.0/16, overlays 10.(120+s).0.0/16 — apart from each other, from
 * sw1 (test/setup/swarm-engine.mjs: 10.99.0/24, 10.100.1/24, 10.111/16, 10.120/16) and from the
 * main engine (172.17/16, 172.31/16).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { NodeNetwork } from '../setup/swarm-network.mjs';
import { removeNetwork, sh } from '../setup/swarm-network.mjs';
import { removeNode, stopEngine, type NodeSpec } from '../setup/swarm-node.mjs';

const MAX_LABS = 4;
const MAX_NODES = 5;
/** How many labs may run at once, and how many nodes each may have. */
export const LAB_LIMITS = { labs: MAX_LABS, nodes: MAX_NODES } as const;
const SLOTS = Array.from({ length: MAX_LABS }, (_, i) => i + 1);

const lockFile = (slot: number) => `/run/pactsafs-swlab${slot}.lock`;
// The engines' data roots live in a tmpfs of the lab's (≈ 0.9 GB a node): on this disk (ext4 with
// discard) deleting a data root took 13 s per node and loading our images into one 31 s; in memory
// the delete is instant and the load took 21 s.
const stateDir = (slot: number) => `/var/lib/pactsafs-swlab${slot}`;
const STATE_BYTES_PER_NODE = 2 * 1024 ** 3;

/** The node network of lab `slot`. */
export function labNetwork(slot: number): NodeNetwork {
  return { hub: `swlab${slot}hub`, hostLink: `swlab${slot}host`, hostAddress: `10.98.${slot}.1` };
}

/** Node `index` (1-based) of lab `slot`. */
export function labNodeSpec(slot: number, index: number): NodeSpec {
  return {
    name: `swlab${slot}n${index}`,
    address: `10.98.${slot}.${10 + index}`,
    bip: `10.101.${slot * 10 + index}.1/24`,
    pool: `10.${125 + (slot - 1) * MAX_NODES + index}.0.0/16`,
    dataRoot: `${stateDir(slot)}/swlab${slot}n${index}`,
  };
}

/** Every node lab `slot` may have (what a crashed run may have left there). */
function slotNodes(slot: number): NodeSpec[] {
  return Array.from({ length: MAX_NODES }, (_, i) => labNodeSpec(slot, i + 1));
}

/** The address pool of lab `slot`'s overlay networks. */
export function labOverlayPool(slot: number): string {
  return `10.${120 + slot}.0.0/16`;
}

/**
 * Claims a free slot for a lab of `nodes` nodes. Labs whose owner died (a run killed before its
 * close()) are removed first, in every slot, so none is left running; whatever a crashed run left
 * in the claimed slot is removed before use.
 */
export async function claimLabSlot(nodes: number): Promise<number> {
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) throw new Error(`A swarm lab has 1 to ${MAX_NODES} nodes, not ${nodes}.`);
  for (const slot of SLOTS) {
    if (!existsSync(lockFile(slot)) || ownerAlive(lockFile(slot)) || !takeLock(slot)) continue;
    await removeLab(slot, slotNodes(slot));
    releaseLabSlot(slot);
  }
  for (const slot of SLOTS) {
    if (!takeLock(slot)) continue;
    await removeLab(slot, slotNodes(slot));
    mkdirSync(stateDir(slot));
    sh('mount', ['-t', 'tmpfs', '-o', `size=${nodes * STATE_BYTES_PER_NODE},mode=0700`, `pactsafs-swlab${slot}`, stateDir(slot)]);
    return slot;
  }
  throw new Error(`All ${MAX_LABS} swarm lab slots are in use (lock files /run/pactsafs-swlab*.lock held by live processes).`);
}

/** Whether this process now holds the slot's lock (a lock of a dead process is taken over). */
function takeLock(slot: number): boolean {
  const file = lockFile(slot);
  if (createLock(file)) return true;
  if (ownerAlive(file)) return false;
  // Only one of several processes finding the same stale lock wins this rename.
  try {
    renameSync(file, `${file}.${process.pid}`);
  } catch {
    return false;
  }
  rmSync(`${file}.${process.pid}`, { force: true });
  return createLock(file);
}

function createLock(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

function ownerAlive(file: string): boolean {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills the lab's engines and what they ran, by pid, then removes namespaces, state, its tmpfs,
 * cgroups and links. SIGKILL rather than a graceful stop: everything is thrown away, and an engine's
 * own shutdown waited up to 10 s for each container that ignores SIGTERM.
 */
export async function removeLab(slot: number, nodes: NodeSpec[]): Promise<void> {
  await Promise.all(nodes.map((node) => stopEngine(node, 'SIGKILL')));
  for (const node of nodes) removeNode(node);
  if (readFileSync('/proc/self/mounts', 'utf8').split('\n').some((line) => line.split(' ')[1] === stateDir(slot))) sh('umount', [stateDir(slot)]);
  rmSync(stateDir(slot), { recursive: true, force: true });
  removeNetwork(labNetwork(slot));
}

/** Gives the slot back. */
export function releaseLabSlot(slot: number): void {
  rmSync(lockFile(slot), { force: true });
}
