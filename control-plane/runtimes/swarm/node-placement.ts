import type { EngineNode } from '../engine/docker-engine.js';

// Where a new tenant's database goes (issue 12): on the node with the fewest tenants among those
// that are ready, active and match PACTSAFS_SWARM_CONSTRAINTS. The database stays there (its volume
// lives on that node); the constraints are also given to Swarm, which enforces them itself.

/** The value of a constraint's attribute on `node` (Swarm's names), or `undefined` when it has none. */
function attribute(node: EngineNode, name: string): string | undefined {
  if (name.startsWith('node.labels.')) return node.labels[name.slice('node.labels.'.length)];
  if (name.startsWith('engine.labels.')) return node.engineLabels[name.slice('engine.labels.'.length)];
  return { 'node.id': node.id, 'node.hostname': node.hostname, 'node.role': node.role }[name];
}

/** Whether `node` satisfies one `attribute == value` or `attribute != value` constraint, as Swarm reads it. */
export function nodeMatches(node: EngineNode, constraint: string): boolean {
  const match = /^\s*([\w.-]+)\s*(==|!=)\s*(\S+)\s*$/.exec(constraint);
  if (!match) return false;
  const [, name = '', operator, value] = match;
  const actual = attribute(node, name);
  return operator === '==' ? actual === value : actual !== value;
}

/**
 * The node for a new tenant's database: ready, active, matching every constraint, holding the
 * fewest tenants (`tenantsOn`), ties broken by host name; `undefined` when no node qualifies.
 */
export function chooseNode(nodes: readonly EngineNode[], constraints: readonly string[], tenantsOn: ReadonlyMap<string, number>): EngineNode | undefined {
  const eligible = nodes.filter(
    (node) => node.state === 'ready' && node.availability === 'active' && constraints.every((constraint) => nodeMatches(node, constraint)),
  );
  const load = (node: EngineNode) => tenantsOn.get(node.id) ?? 0;
  return eligible.sort((a, b) => load(a) - load(b) || a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id))[0];
}
