import Dockerode from 'dockerode';
import { demuxLogFrames } from '../../control-plane/runtimes/engine/container-logs.js';

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

/** Runs a command in a running container (tests only); resolves with its exit code and combined output. */
export async function execIn(container: Dockerode.Container, command: string[]): Promise<{ code: number; output: string }> {
  const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return { code: ExitCode ?? -1, output: demuxLogFrames(Buffer.concat(chunks)) };
}

