import Dockerode from 'dockerode';

/** Removes every container, network and volume labelled for one of `tenants` (tests clean up, also on failure). */
export async function removeTenantObjects(docker: Dockerode, tenants: string[]): Promise<void> {
  for (const tenant of tenants) {
    const filters = { label: [`pactsafs.tenant=${tenant}`] };
    for (const container of await docker.listContainers({ all: true, filters })) {
      await docker.getContainer(container.Id).remove({ force: true, v: true }).catch(() => {});
    }
    for (const network of await docker.listNetworks({ filters })) {
      await docker.getNetwork(network.Id).remove().catch(() => {});
    }
    const { Volumes } = await docker.listVolumes({ filters });
    for (const volume of Volumes ?? []) await docker.getVolume(volume.Name).remove().catch(() => {});
  }
}

export { execInContainer as execIn } from '../../control-plane/runtimes/engine/container-exec.js';
