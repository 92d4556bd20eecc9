import type { IModule } from 'dependency-cruiser';

/** Which broker folders import which (production code only: suites and test helpers left out). */
export function brokerFolderGraph(modules: readonly IModule[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const module of modules) {
    const from = brokerFolderOf(module.source);
    if (from === undefined) continue;
    for (const dependency of module.dependencies) {
      const to = brokerFolderOf(dependency.resolved);
      if (to === undefined || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Folder pairs that import each other, each as `a↔b` with a before b. */
export function twoWayPairs(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const pairs: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) if (from < to && graph.get(to)?.has(from)) pairs.push(`${from}↔${to}`);
  }
  return pairs.sort();
}

/** Groups of two or more folders that reach each other (Tarjan's strongly connected components). */
export function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === node ? undefined : stack.pop()) group.push(member);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const TEST_CODE = /\.(test|case)\.tsx?$|(^|\/)test-(support|fixtures)\//;

/** `broker/pacts/pact-service.ts` → `pacts`; undefined for files directly in broker/, test code and anything else. */
function brokerFolderOf(file: string): string | undefined {
  if (TEST_CODE.test(file)) return undefined;
  return /^broker\/([^/]+)\//.exec(file)?.[1];
}
