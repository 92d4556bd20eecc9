// Types of swarm-engine.mjs for the TypeScript suites.

import type { NodeNetwork } from './swarm-network.mjs';
import type { NodeSpec } from './swarm-node.mjs';

export const SWARM_ENGINE_HOST: string;
export const SWARM_ENGINE_LAYOUT: { network: NodeNetwork; node: NodeSpec; overlayPool: string };
export function ensureSwarmEngine(options?: { log?: (line: string) => void }): Promise<string>;
export function removeSwarmEngine(options?: { log?: (line: string) => void }): Promise<void>;
