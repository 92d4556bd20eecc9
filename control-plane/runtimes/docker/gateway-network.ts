import type { ContainerEngine } from '../engine/docker-engine.js';
import { dockerNames, LABELS } from './docker-names.js';

// Issue 12: gateways reach brokers over a network, never through ports published on the host. Every
// broker container joins `pactsafs-gateway` besides its tenant network; databases stay on the tenant
// network only, so nothing on the gateway network can reach them.

/** Creates the shared gateway network when it is missing. It is never removed here: other tenants (and platforms) use it. */
export async function ensureGatewayNetwork(engine: ContainerEngine, platformVersion: string): Promise<void> {
  await engine.ensureNetwork(dockerNames.gatewayNetwork, { [LABELS.role]: 'gateway', [LABELS.version]: platformVersion }, 'local');
}
