import type Dockerode from 'dockerode';
import { execStreaming } from './container-exec.js';
import { containerLogs } from './container-logs.js';
import type { ContainerEngine, EngineContainer, EngineContainerDetails, PullProgress } from './docker-engine.js';
import { dockerodeEvents } from './dockerode-events.js';

/** The container part of the engine interface over dockerode (issue 12): what the docker runtime drives. */
export function dockerodeContainers(docker: Dockerode): ContainerEngine {
  return {
    async listContainers(filters) {
      return (await docker.listContainers({ all: true, filters })).map(containerOf);
    },
    async inspectContainer(name) {
      const inspected = (await docker.getContainer(name).inspect().catch(ignoreMissing)) as Dockerode.ContainerInspectInfo | undefined;
      return inspected && containerDetailsOf(inspected);
    },
    async createContainer(spec) {
      await docker.createContainer(spec);
    },
    async startContainer(name) {
      await docker.getContainer(name).start().catch(ignoreStatus(304)); // 304: already running
    },
    async stopContainer(name, timeoutSeconds) {
      await docker.getContainer(name).stop({ t: timeoutSeconds }).catch(ignoreStatus(304, 404)); // 304: already stopped
    },
    async removeContainer(name) {
      await docker.getContainer(name).remove({ force: true, v: true }).catch(ignoreMissing);
    },
    async connect(network, container) {
      // The engine answers 403 (or 409 on some versions) "endpoint ... already exists in network".
      await docker.getNetwork(network).connect({ Container: container }).catch(ignoreStatus(403, 409));
    },
    async disconnect(network, container) {
      await docker
        .getNetwork(network)
        .disconnect({ Container: container, Force: true })
        .catch(() => {});
    },
    async ensureNetwork(name, labels, scope = 'swarm') {
      const existing = await docker.listNetworks({ filters: { name: [name] } });
      // The name filter matches substrings: only an exact name counts.
      if (existing.some((network) => network.Name === name)) return;
      const driver = scope === 'swarm' ? { Driver: 'overlay', Attachable: true } : { Driver: 'bridge' };
      // 409: another platform (or a create running at once) made it first.
      await docker.createNetwork({ Name: name, ...driver, Labels: labels, CheckDuplicate: true }).catch(ignoreStatus(409));
    },
    async removeNetwork(name) {
      await docker.getNetwork(name).remove().catch(ignoreMissing);
    },
    async createVolume(name, labels) {
      await docker.createVolume({ Name: name, Labels: labels });
    },
    volumeExists: (name) =>
      docker.getVolume(name).inspect().then(
        () => true,
        () => false,
      ),
    async removeVolume(name) {
      await docker.getVolume(name).remove().catch(ignoreMissing);
    },
    async imageLabels(image) {
      const inspected = (await docker.getImage(image).inspect().catch(ignoreMissing)) as Dockerode.ImageInspectInfo | undefined;
      return inspected && (inspected.Config.Labels ?? {});
    },
    pullImage: (image, onProgress) => pull(docker, image, onProgress),
    containerLogs: (name, options) => containerLogs(docker.getContainer(name), options),
    exec: (container, command, io) => execStreaming(docker.getContainer(container), command, io),
    events: (filters, onEvent, onEnd) => dockerodeEvents(docker, filters, onEvent, onEnd),
  };
}

/** A listed container in the interface's terms. */
export function containerOf(container: Dockerode.ContainerInfo): EngineContainer {
  return {
    id: container.Id,
    name: (container.Names[0] ?? '').replace(/^\//, ''),
    labels: container.Labels ?? {},
    state: container.State,
    addresses: addressesOf(container.NetworkSettings?.Networks),
  };
}

/** An inspected container in the interface's terms. */
export function containerDetailsOf(container: Dockerode.ContainerInspectInfo): EngineContainerDetails {
  return {
    id: container.Id,
    name: container.Name.replace(/^\//, ''),
    labels: container.Config.Labels ?? {},
    state: container.State.Status,
    addresses: addressesOf(container.NetworkSettings.Networks),
    image: container.Config.Image,
    env: container.Config.Env ?? [],
    publishesPorts: Object.values(container.HostConfig.PortBindings ?? {}).some((bindings) => Array.isArray(bindings) && bindings.length > 0),
  };
}

function addressesOf(networks: Record<string, { IPAddress?: string }> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(networks ?? {}).flatMap(([network, { IPAddress }]) => (IPAddress ? [[network, IPAddress]] : [])));
}

async function pull(docker: Dockerode, image: string, onProgress: (progress: PullProgress) => void): Promise<void> {
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error) => (error ? reject(error) : resolve()),
      (event: { status?: string; id?: string; progressDetail?: { current?: number; total?: number } }) =>
        onProgress({ status: event.status ?? '', layer: event.id, ...event.progressDetail }),
    );
  });
}

/** 404: already gone, answered as `undefined`. */
export function ignoreMissing(error: { statusCode?: number }): undefined {
  if (error.statusCode !== 404) throw error;
  return undefined;
}

function ignoreStatus(...statuses: number[]): (error: { statusCode?: number }) => void {
  return (error) => {
    if (!statuses.includes(error.statusCode ?? 0)) throw error;
  };
}
