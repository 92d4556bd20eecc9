// Types of swarm-node.mjs for the TypeScript test support (test/support/swarm-lab.ts).

/**
 * One node: namespace and hostname `name`, eth0 = `address`/24, docker0 = `bip`, local networks
 * from `pool`; its engine's state in `dataRoot` (default /var/lib/pactsafs-<name>).
 */
export interface NodeSpec {
  name: string;
  address: string;
  bip: string;
  pool: string;
  dataRoot?: string;
}

export interface NodePaths {
  run: string;
  socket: string;
  host: string;
  pidFile: string;
  log: string;
  dataRoot: string;
  identity: string;
}

export function nodePaths(node: NodeSpec): NodePaths;
export function startEngine(node: NodeSpec): Promise<number>;
export function enginePid(node: NodeSpec): number | undefined;
export function stopEngine(node: NodeSpec, signal?: NodeJS.Signals): Promise<void>;
export function removeNode(node: NodeSpec): void;
export function engineGet(socketPath: string, path: string): Promise<{ status: number; body: string } | null>;
export function engineAnswers(node: NodeSpec): Promise<boolean>;
export function sleep(ms: number): Promise<void>;
