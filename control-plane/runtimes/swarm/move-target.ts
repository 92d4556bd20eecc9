import { BadRequestError, ConflictError } from '../../../shared/errors.js';
import type { EngineNode } from '../engine/docker-engine.js';
import { nodeMatches } from './node-placement.js';

// Where a swarm tenant's database may move (issue 12, item 5): a node named by id or host name that
// is ready, active, matches PACTSAFS_SWARM_CONSTRAINTS and is not the one it is on. Every refusal
// lists the nodes, so the caller can pick another without a second call.

/** `sw2 (id 3f…, worker, ready, active)` for each node, for refusals. */
function nodeList(nodes: readonly EngineNode[]): string {
  const sorted = [...nodes].sort((a, b) => a.hostname.localeCompare(b.hostname));
  return sorted.map((node) => `${node.hostname} (id ${node.id}, ${node.role}, ${node.state}, ${node.availability})`).join('; ');
}

/** The node `query` (id or host name) names, checked as a move target for a database now on `current`; throws 400/409 with a sentence. */
export function moveTarget(nodes: readonly EngineNode[], query: string, current: string, constraints: readonly string[]): EngineNode {
  const nodesAre = `The swarm's nodes: ${nodeList(nodes)}.`;
  const byName = nodes.filter((node) => node.hostname === query);
  const node = nodes.find((candidate) => candidate.id === query) ?? (byName.length === 1 ? byName[0] : undefined);
  if (byName.length > 1 && !node) throw new BadRequestError(`Several swarm nodes are named "${query}"; name the node by its id. ${nodesAre}`);
  if (!node) throw new BadRequestError(`There is no swarm node "${query}" (give a node's id or host name). ${nodesAre}`);
  if (node.id === current) throw new ConflictError(`The tenant's database is already on node ${node.hostname}; there is nothing to move. ${nodesAre}`);
  if (node.state !== 'ready') throw new ConflictError(`Node ${node.hostname} is ${node.state}, not ready: a database cannot start there. ${nodesAre}`);
  if (node.availability !== 'active') throw new ConflictError(`Node ${node.hostname} is ${node.availability === 'drain' ? 'drained' : node.availability}: Swarm starts no new task there. ${nodesAre}`);
  const unmet = constraints.filter((constraint) => !nodeMatches(node, constraint));
  if (unmet.length > 0) throw new ConflictError(`Node ${node.hostname} does not match PACTSAFS_SWARM_CONSTRAINTS (${unmet.join(', ')}): tenants may not run there. ${nodesAre}`);
  return node;
}
