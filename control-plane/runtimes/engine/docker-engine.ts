import type Dockerode from 'dockerode';

// The narrow engine interface of issue 12: what a runtime needs of a Docker engine (the swarm API
// for the swarm runtime, containers for the docker runtime), in the platform's own terms. Both use it
// through dockerode (dockerode-engine.ts); their logic is tested against plain objects of these types
// or an in-memory engine (test/support/memory-docker-engine.ts), with no engine.

/** A swarm service as the runtime sees it; `spec` is what an update sends back, changed. */
export interface EngineService {
  id: string;
  name: string;
  /** The service's version: an update must name the version it changes. */
  version: number;
  labels: Record<string, string>;
  image: string;
  /** Desired replicas (replicated services). */
  replicas: number;
  /** The container environment, `NAME=value` entries. */
  env: string[];
  /** The last rolling update: its state (`updating`, `completed`, `rollback_completed`, ...), message and start; none before any (or with 0 replicas). */
  update: { state: string; message: string; startedAt: string } | undefined;
  spec: Dockerode.ServiceSpec;
}

/** One task (one container's life) of a service. */
export interface EngineTask {
  id: string;
  serviceName: string;
  /** Empty while the task is not yet assigned to a node. */
  nodeId: string;
  /** Where it is: `running`, `starting`, `failed`, `shutdown`, ... */
  state: string;
  /** The orchestrator's message, and the error of a failed task. */
  message: string;
}

/** A swarm node. */
export interface EngineNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  /** `active`, `pause` or `drain`. */
  availability: string;
  /** `ready`, `down`, `unknown`, `disconnected`. */
  state: string;
  labels: Record<string, string>;
  engineLabels: Record<string, string>;
}

/** An engine event, as much as a level-triggered watcher needs: that something of this type changed, and the object's labels. */
export interface EngineEvent {
  type: string;
  action: string;
  /** The object's attributes: a container's labels, its name and image. */
  attributes: Record<string, string>;
}

/** Which events to hear: `type` (`container`, `service`, ...), and optionally labels (`key` or `key=value`) and actions. */
export interface EngineEventFilters {
  type: string[];
  label?: string[];
  event?: string[];
}

/** What a container is created from (the engine's create body, with its `name`). */
export type ContainerSpec = Dockerode.ContainerCreateOptions;

/** A container as a listing shows it. */
export interface EngineContainer {
  id: string;
  /** Without the engine's leading slash. */
  name: string;
  /** Its own labels and its image's. */
  labels: Record<string, string>;
  /** `created`, `running`, `restarting`, `paused`, `exited`, `dead`, ... */
  state: string;
  /** Its address on each network it is on; none while it is not running. */
  addresses: Record<string, string>;
}

/** A container as `inspect` shows it: what a runtime compares with what it wants. */
export interface EngineContainerDetails extends EngineContainer {
  image: string;
  /** `NAME=value` entries. */
  env: string[];
  /** True when it publishes a port on the host. */
  publishesPorts: boolean;
}

/** Where a command run in a container reads its stdin and writes its stdout. */
export interface ExecIo {
  env?: string[];
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** One progress report of an image pull. */
export interface PullProgress {
  status: string;
  layer?: string;
  current?: number;
  total?: number;
}

/** A Swarm secret as a listing shows it: never its value, which the engine does not give back. */
export interface EngineSecret {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** Where `self` reaches a tunnel's target; `close` removes what the tunnel made. */
export interface EngineTunnel {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The engine a runtime drives: list, create, update, remove, inspect, logs, events. Removals, stops
 * and starts are idempotent (already gone, stopped or running is fine), as a reconciler needs.
 */
export interface DockerEngine extends ContainerEngine {
  /** The node this engine runs on, and whether it is a swarm manager (only managers take service calls). */
  info(): Promise<{ nodeId: string; manager: boolean }>;
  listServices(filters: { label?: string[]; name?: string[] }): Promise<EngineService[]>;
  /** The service of that name, or `undefined`. */
  inspectService(name: string): Promise<EngineService | undefined>;
  createService(spec: Dockerode.ServiceSpec): Promise<void>;
  /** Replaces `service`'s spec (at its version: a concurrent change fails rather than being overwritten). */
  updateService(service: EngineService, spec: Dockerode.ServiceSpec): Promise<void>;
  /** Removes a service; one already gone is fine. */
  removeService(name: string): Promise<void>;
  listTasks(filters: { service?: string[]; 'desired-state'?: string[] }): Promise<EngineTask[]>;
  listNodes(): Promise<EngineNode[]>;
  /** Lets `self` (a container of this engine's node) reach `target` on an attachable network, wherever its task runs, until `close`. */
  tunnel(network: string, target: { host: string; port: number }, self: string): Promise<EngineTunnel>;
  /** Secrets with every one of these labels (`key` or `key=value`). */
  listSecrets(filters: { label: string[] }): Promise<EngineSecret[]>;
  /** The secret of that name; made with `data` only when there is none (a secret's value can be neither read nor changed). */
  ensureSecret(name: string, labels: Record<string, string>, data: () => string): Promise<EngineSecret>;
  /** Removes a secret; one already gone is fine. */
  removeSecret(name: string): Promise<void>;
  /** A service's log (every task's, one text stream). */
  serviceLogs(name: string, options: { follow: boolean; tail: number }): Promise<NodeJS.ReadableStream>;
}

/** The containers, networks, volumes and images of one engine: what the docker runtime drives (issue 12). */
export interface ContainerEngine {
  /** Containers, running or not, with every one of these labels (`key` or `key=value`). */
  listContainers(filters: { label: string[] }): Promise<EngineContainer[]>;
  /** The container of that name (or id), or `undefined`. */
  inspectContainer(name: string): Promise<EngineContainerDetails | undefined>;
  createContainer(spec: ContainerSpec): Promise<void>;
  /** Starts a container; one already running is fine. */
  startContainer(name: string): Promise<void>;
  /** Stops a container, killing it after `timeoutSeconds`; one stopped or gone is fine. */
  stopContainer(name: string, timeoutSeconds: number): Promise<void>;
  /** Removes a container, running or not, with its anonymous volumes; one already gone is fine. */
  removeContainer(name: string): Promise<void>;
  /** Connects a container (running or not) to a network; one already on it is fine. */
  connect(network: string, container: string): Promise<void>;
  /** Disconnects a container from a network; one not on it, or a network gone, is fine. */
  disconnect(network: string, container: string): Promise<void>;
  /** Creates a network unless one of that name exists: an attachable overlay (`swarm`, the default), or a bridge of this engine (`local`). */
  ensureNetwork(name: string, labels: Record<string, string>, scope?: 'swarm' | 'local'): Promise<void>;
  /** Removes a network; one already gone is fine. */
  removeNetwork(name: string): Promise<void>;
  createVolume(name: string, labels: Record<string, string>): Promise<void>;
  volumeExists(name: string): Promise<boolean>;
  /** Removes a volume; one already gone is fine. */
  removeVolume(name: string): Promise<void>;
  /** The labels of an image on this engine's node, or `undefined` when it is not there. */
  imageLabels(image: string): Promise<Record<string, string> | undefined>;
  /** Pulls an image from its registry, reporting progress. */
  pullImage(image: string, onProgress: (progress: PullProgress) => void): Promise<void>;
  /** A container's stdout and stderr as one text stream. */
  containerLogs(name: string, options: { follow: boolean; tail: number }): Promise<NodeJS.ReadableStream>;
  /** Runs a command in a running container, streamed both ways; its exit code and the end of its stderr once `io.output` has every byte. */
  exec(container: string, command: string[], io: ExecIo): Promise<{ code: number; stderr: string }>;
  /** Calls `onEvent` for each event that passes `filters` until closed; `onEnd` when the stream ends on its own. */
  events(filters: EngineEventFilters, onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void): Promise<{ close(): void }>;
}
