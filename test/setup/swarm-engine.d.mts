// Types of swarm-engine.mjs for the TypeScript suites.

export const SWARM_ENGINE_HOST: string;
export function ensureSwarmEngine(options?: { log?: (line: string) => void }): Promise<string>;
export function removeSwarmEngine(options?: { log?: (line: string) => void }): Promise<void>;
