// Types of swarm-network.mjs for the TypeScript test support (test/support/swarm-lab.ts).
import type { NodeSpec } from './swarm-node.mjs';

/** The node network: hub namespace `hub` holding bridge br-swarm, the host on it as `hostAddress` via `hostLink`. */
export interface NodeNetwork {
  hub: string;
  hostLink: string;
  hostAddress: string;
}

export function sh(command: string, args: string[]): string;
export function netnsExists(name: string): boolean;
export function ensureNetwork(net: NodeNetwork, nodes: NodeSpec[]): void;
export function removeNetwork(net: NodeNetwork): void;
export function namespacePids(node: NodeSpec): number[];
