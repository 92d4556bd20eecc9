import type Dockerode from 'dockerode';

// The narrow engine interface of issue 12: what a runtime needs of a Docker engine's swarm API,
// in the platform's own terms. The swarm runtime uses it through dockerode (dockerode-engine.ts);
// planning logic is tested against plain objects of these types, with no engine.

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

/** An engine event, as much as a level-triggered watcher needs: that something of this type changed. */
export interface EngineEvent {
  type: string;
  action: string;
}

/** Where `self` reaches a tunnel's target; `close` removes what the tunnel made. */
export interface EngineTunnel {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The engine a swarm runtime drives: list, create, update, remove, inspect, logs, events. */
export interface DockerEngine {
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
  /** Creates an attachable overlay network unless one of that name exists. */
  ensureNetwork(name: string, labels: Record<string, string>): Promise<void>;
  /** Removes a network; one already gone is fine. */
  removeNetwork(name: string): Promise<void>;
  /** Lets `self` (a container of this engine's node) reach `target` on an attachable network, wherever its task runs, until `close`. */
  tunnel(network: string, target: { host: string; port: number }, self: string): Promise<EngineTunnel>;
  /** The labels of an image on this engine's node, or `undefined` when it is not there. */
  imageLabels(image: string): Promise<Record<string, string> | undefined>;
  /** A service's log (every task's, one text stream). */
  serviceLogs(name: string, options: { follow: boolean; tail: number }): Promise<NodeJS.ReadableStream>;
  /** Calls `onEvent` for each event of these types until closed; `onEnd` when the stream ends on its own. */
  events(types: string[], onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void): Promise<{ close(): void }>;
}
