import type Dockerode from 'dockerode';
import { containerLogs } from './container-logs.js';
import type { DockerEngine, EngineNode, EngineService, EngineTask } from './docker-engine.js';
import { dockerodeContainers, ignoreMissing } from './dockerode-containers.js';
import { dockerodeSecrets } from './dockerode-secrets.js';
import { openTunnel } from './network-attachment.js';

/** What the engine answers for a task, node or service (dockerode types these as `any`). */
interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Status?: { State?: string; Message?: string; Err?: string };
}
interface RawNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Description?: { Hostname?: string; Engine?: { Labels?: Record<string, string> } };
  Status?: { State?: string };
}

/** The engine interface over dockerode (issue 12): the swarm API here, containers in dockerode-containers.ts. */
export function dockerodeEngine(docker: Dockerode): DockerEngine {
  return {
    ...dockerodeContainers(docker),
    async info() {
      const info = (await docker.info()) as { Swarm?: { NodeID?: string; ControlAvailable?: boolean } };
      return { nodeId: info.Swarm?.NodeID ?? '', manager: info.Swarm?.ControlAvailable === true };
    },
    async listServices(filters) {
      return (await docker.listServices({ filters })).map(serviceOf);
    },
    async inspectService(name) {
      const service = (await docker.getService(name).inspect().catch(ignoreMissing)) as Dockerode.Service | undefined;
      return service && serviceOf(service);
    },
    async createService(spec) {
      // No registry is asked for the image's digest (the CLI's --no-resolve-image): the API never asks itself.
      await docker.createService(spec);
    },
    async updateService(service, spec) {
      await docker.getService(service.id).update({ version: service.version, ...spec });
    },
    async removeService(name) {
      await docker.getService(name).remove().catch(ignoreMissing);
    },
    async listTasks(filters) {
      const [tasks, services] = await Promise.all([docker.listTasks({ filters }) as Promise<RawTask[]>, docker.listServices()]);
      const names = new Map(services.map((service) => [service.ID, service.Spec?.Name ?? '']));
      return tasks.map((task) => taskOf(task, names.get(task.ServiceID) ?? ''));
    },
    async listNodes() {
      return ((await docker.listNodes()) as RawNode[]).map(nodeOf);
    },
    tunnel: (network, target, self) => openTunnel(docker, network, target, self),
    ...dockerodeSecrets(docker),
    async serviceLogs(name, options) {
      // A service's log endpoint answers exactly as a container's does (the same multiplexed frames).
      return containerLogs(docker.getService(name) as unknown as Dockerode.Container, options);
    },
  };
}

function serviceOf(service: Dockerode.Service): EngineService {
  const spec = service.Spec ?? {};
  const container = spec.TaskTemplate && 'ContainerSpec' in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec : undefined;
  return {
    id: service.ID,
    name: spec.Name ?? '',
    version: service.Version?.Index ?? 0,
    labels: spec.Labels ?? {},
    image: container?.Image ?? '',
    replicas: spec.Mode?.Replicated?.Replicas ?? 0,
    env: container?.Env ?? [],
    update: service.UpdateStatus && {
      state: service.UpdateStatus.State ?? '',
      message: service.UpdateStatus.Message ?? '',
      startedAt: service.UpdateStatus.StartedAt ?? '',
    },
    spec,
  };
}

function taskOf(task: RawTask, serviceName: string): EngineTask {
  return {
    id: task.ID,
    serviceName,
    nodeId: task.NodeID ?? '',
    state: task.Status?.State ?? '',
    message: [task.Status?.Message, task.Status?.Err].filter(Boolean).join(': '),
  };
}

function nodeOf(node: RawNode): EngineNode {
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? '',
    role: node.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: node.Spec?.Availability ?? '',
    state: node.Status?.State ?? '',
    labels: node.Spec?.Labels ?? {},
    engineLabels: node.Description?.Engine?.Labels ?? {},
  };
}
