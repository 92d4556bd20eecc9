import type { TenantRoute } from '../../shared/routing.js';
import { tenantNameProblem } from '../../shared/tenant-name.js';
import { BROKER_PORT, dockerNames, LABELS } from '../runtimes/docker/docker-names.js';
import type { EngineService } from '../runtimes/engine/docker-engine.js';

/** What a gateway needs of one broker service (issue 12): its name, its labels, its desired replicas. */
export type BrokerService = Pick<EngineService, 'name' | 'labels' | 'replicas'>;

/** A service that routes nowhere, and why (logged by the caller; the other services still route). */
export interface SkippedService {
  service: string;
  reason: string;
}

export interface ServiceRoutes {
  routes: ReadonlyMap<string, TenantRoute>;
  skipped: SkippedService[];
}

/** How long a client is asked to wait before trying a stopped tenant again (as the control plane answers). */
export const STOPPED_RETRY_AFTER_SECONDS = 30;
/** A sleeping tenant that this gateway cannot wake: a request through another one wakes it (as the control plane answers). */
const SLEEPING_RETRY_AFTER_SECONDS = 1;

/**
 * The route table of a gateway-only process, from the engine's broker services alone (issue 12; a
 * pure function, Traefik's habit): a running tenant → its broker service's DNS name on the shared
 * gateway network; `pactsafs.state=stopped` or 0 replicas → unavailable (503 with Retry-After);
 * `pactsafs.state=sleeping` (team issue 13) → sleeping, which a gateway with a waker wakes.
 * A service whose labels do not hold together is skipped with the reason; the others still route.
 */
export function routesFromServices(services: readonly BrokerService[]): ServiceRoutes {
  const routes = new Map<string, TenantRoute>();
  const skipped: SkippedService[] = [];
  for (const service of services) {
    const problem = labelProblem(service);
    if (problem !== undefined) {
      skipped.push({ service: service.name, reason: problem });
      continue;
    }
    const tenant = service.labels[LABELS.tenant]!;
    const state = service.labels[LABELS.state];
    routes.set(tenant, routeOf(service, state));
  }
  return { routes, skipped };
}

function routeOf(service: BrokerService, state: string | undefined): TenantRoute {
  if (state === 'sleeping') return { kind: 'unavailable', state: 'sleeping', retryAfterSeconds: SLEEPING_RETRY_AFTER_SECONDS };
  if (state === 'running' && service.replicas !== 0) return { kind: 'proxy', host: service.name, port: BROKER_PORT };
  return { kind: 'unavailable', state: 'stopped', retryAfterSeconds: STOPPED_RETRY_AFTER_SECONDS };
}

const STATES: ReadonlySet<string> = new Set(['running', 'stopped', 'sleeping']);

function labelProblem({ name, labels }: BrokerService): string | undefined {
  const tenant = labels[LABELS.tenant];
  const state = labels[LABELS.state];
  if (labels[LABELS.role] !== 'broker') return `its ${LABELS.role} label is "${labels[LABELS.role] ?? ''}", not "broker"`;
  if (tenant === undefined) return `it has no ${LABELS.tenant} label`;
  const nameProblem = tenantNameProblem(tenant);
  if (nameProblem !== undefined) return `its ${LABELS.tenant} label is no tenant name: ${nameProblem}`;
  // The route is the service's DNS name: a service named otherwise must not take over the tenant's address.
  const expected = dockerNames.container(tenant, 'broker');
  if (name !== expected) return `a broker service of tenant "${tenant}" must be named ${expected}`;
  if (state === undefined || !STATES.has(state)) return `its ${LABELS.state} label is "${state ?? ''}", not running, stopped or sleeping`;
  return undefined;
}
