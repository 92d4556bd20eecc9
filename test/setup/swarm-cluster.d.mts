// Types of swarm-cluster.mjs for the TypeScript test support (test/support/swarm-lab.ts).
import type { NodeSpec } from './swarm-node.mjs';

export const NODE_IMAGES: string[];
export function docker(node: NodeSpec, args: string[]): string;
export function swarmState(node: NodeSpec): Promise<{ state: string; manager: boolean; nodeId: string }>;
export function initSwarm(node: NodeSpec, pool: string): void;
export function joinSwarm(node: NodeSpec, manager: NodeSpec): void;
export function copyImages(nodes: NodeSpec[], tags?: string[]): Promise<string[][]>;
