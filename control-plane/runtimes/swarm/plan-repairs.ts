import type { TenantState } from '../../tenants/tenant-states.js';
import { dockerNames, LABELS } from '../docker/docker-names.js';
import type { LabelledState } from './tenant-labels.js';
import type { EngineNode, EngineTask } from '../engine/docker-engine.js';

// What to do so that the swarm matches what the platform wants (issue 12). Level-triggered, as
// Traefik's providers: whatever the event, the whole picture is listed again and this pure
// function compares it with the desired state; the reconciler only carries the actions out.

/** A swarm tenant as the platform wants it (tenants with an operation under way are left out). */
export interface DesiredTenant {
  name: string;
  state: TenantState;
  /** Broker replicas while it runs. */
  replicas: number;
  /** The node its database is pinned to. */
  node: string;
  reason: string | null;
}

/** A service as planning needs it. */
export interface ObservedService {
  replicas: number;
  labels: Record<string, string>;
}

/** What the engine showed on one listing, and which repairs were tried lately (for backoff). */
export interface ObservedSwarm {
  services: ReadonlyMap<string, ObservedService>;
  tasks: readonly EngineTask[];
  nodes: ReadonlyMap<string, EngineNode>;
  /** Per tenant: repairs tried since it last matched, and when the last one was. */
  repairs: ReadonlyMap<string, { attempts: number; lastAt: number }>;
}

export type Repair =
  | { kind: 'recreate-broker'; tenant: string }
  | { kind: 'scale-broker'; tenant: string; replicas: number; state: LabelledState }
  | { kind: 'fail'; tenant: string; reason: string }
  | { kind: 'recover'; tenant: string }
  /** A repair is due but the tenant's backoff has not passed: look again after `afterMs`. */
  | { kind: 'retry-later'; tenant: string; afterMs: number };

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

/** The reason a tenant fails while its database's node is unreachable (its volume lives there). */
export function nodeDownReason(node: string): string {
  return `node ${node} is down: the tenant's database is pinned there with its volume. It comes back when the node does, or move the tenant from its last backup.`;
}

/** The actions that bring the swarm to the desired state, one tenant at a time; none when it matches. */
export function planRepairs(desired: readonly DesiredTenant[], observed: ObservedSwarm, now: number): Repair[] {
  return desired.flatMap((tenant) => {
    const repair = planTenant(tenant, observed);
    return repair ? [withBackoff(repair, observed.repairs.get(tenant.name), now)] : [];
  });
}

function planTenant(tenant: DesiredTenant, observed: ObservedSwarm): Repair | undefined {
  const { name } = tenant;
  const db = observed.services.get(dockerNames.container(name, 'db'));
  const broker = observed.services.get(dockerNames.container(name, 'broker'));
  const node = observed.nodes.get(tenant.node);
  const nodeName = node?.hostname || tenant.node;
  const dbRunning = observed.tasks.some((task) => task.serviceName === dockerNames.container(name, 'db') && task.state === 'running');
  if (tenant.state === 'failed') {
    const cameBack = tenant.reason === nodeDownReason(nodeName) && node?.state === 'ready' && dbRunning;
    return cameBack ? { kind: 'recover', tenant: name } : undefined;
  }
  if (tenant.state !== 'running' && tenant.state !== 'stopped' && tenant.state !== 'sleeping') return undefined;
  if (!db) {
    return { kind: 'fail', tenant: name, reason: `Its database service ${dockerNames.container(name, 'db')} was removed outside the platform. Restore a backup into a new tenant, or remove this one.` };
  }
  if (tenant.state === 'running' && !dbRunning && node?.state !== 'ready') return { kind: 'fail', tenant: name, reason: nodeDownReason(nodeName) };
  if (!broker) return { kind: 'recreate-broker', tenant: name };
  const replicas = tenant.state === 'running' ? tenant.replicas : 0;
  if (broker.replicas !== replicas || broker.labels[LABELS.state] !== tenant.state) {
    return { kind: 'scale-broker', tenant: name, replicas, state: tenant.state };
  }
  return undefined;
}

/** Failing and recovering are recorded at once; engine repairs of a tenant wait 1, 2, 4 … 30 s after the previous one. */
function withBackoff(repair: Repair, previous: { attempts: number; lastAt: number } | undefined, now: number): Repair {
  if (repair.kind !== 'recreate-broker' && repair.kind !== 'scale-broker') return repair;
  if (!previous || previous.attempts === 0) return repair;
  const due = previous.lastAt + Math.min(FIRST_BACKOFF_MS * 2 ** (previous.attempts - 1), MAX_BACKOFF_MS);
  return now >= due ? repair : { kind: 'retry-later', tenant: repair.tenant, afterMs: due - now };
}
