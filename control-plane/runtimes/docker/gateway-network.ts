import type Dockerode from 'dockerode';
import { dockerNames, LABELS } from './docker-names.js';

// Issue 12: gateways reach brokers over a network, never through ports published on the host. Every
// broker container joins `pactsafs-gateway` besides its tenant network; databases stay on the tenant
// network only, so nothing on the gateway network can reach them.

/** Creates the shared gateway network when it is missing. It is never removed here: other tenants (and platforms) use it. */
export async function ensureGatewayNetwork(docker: Dockerode, platformVersion: string): Promise<void> {
  const exists = await docker.getNetwork(dockerNames.gatewayNetwork).inspect().then(() => true, ignoreMissing);
  if (exists) return;
  await docker
    .createNetwork({
      Name: dockerNames.gatewayNetwork,
      CheckDuplicate: true,
      Labels: { [LABELS.role]: 'gateway', [LABELS.version]: platformVersion },
    })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 409) throw error; // 409: another platform (or a create running at once) made it first
    });
}

/** Connects a container (running or not) to a network; a container already on it is left as it is. */
export async function joinNetwork(docker: Dockerode, network: string, container: string): Promise<void> {
  await docker
    .getNetwork(network)
    .connect({ Container: container })
    .catch((error: { statusCode?: number; message?: string }) => {
      // The engine answers 403 (or 409 on some versions) "endpoint ... already exists in network".
      if (error.statusCode !== 403 && error.statusCode !== 409) throw error;
    });
}

/** Disconnects a container from a network; one not on it (or a network already gone) is fine. */
export async function leaveNetwork(docker: Dockerode, network: string, container: string): Promise<void> {
  await docker
    .getNetwork(network)
    .disconnect({ Container: container, Force: true })
    .catch(() => {});
}

/** A container's address on a network, from `inspect` or a container listing; undefined while it has none (stopped). */
export function addressOn(networks: Record<string, { IPAddress?: string }> | undefined, network: string): string | undefined {
  return networks?.[network]?.IPAddress || undefined;
}

function ignoreMissing(error: { statusCode?: number }): false {
  if (error.statusCode !== 404) throw error;
  return false;
}
