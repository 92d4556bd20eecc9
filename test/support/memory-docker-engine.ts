import { Readable } from 'node:stream';
import type {
  ContainerEngine,
  ContainerSpec,
  EngineContainerDetails,
  EngineEvent,
  EngineEventFilters,
  ExecIo,
} from '../../control-plane/runtimes/engine/docker-engine.js';

// A plain in-memory engine behind the narrow ContainerEngine interface (issue 12), for the docker
// runtime's decisions only: what it creates, starts, stops and removes, and in which order. It keeps
// the engine's rules that those decisions depend on (a name is taken once, a volume in use or a
// network with running members is not removed, exec needs a running container, events follow
// changes); the real engine is in docker-runtime.test.ts and the e2e suites.

interface MemoryContainer {
  id: string;
  spec: ContainerSpec;
  state: string;
  /** Each network it is on, with its address there while it runs. */
  networks: Map<string, string>;
  publishesPorts: boolean;
}

/** An engine error as dockerode raises it: the HTTP status is what the runtime's idempotence looks at. */
export class EngineError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
  }
}

type Listener = { filters: EngineEventFilters; onEvent: (event: EngineEvent) => void; onEnd: (error?: Error) => void };

/**
 * An engine in memory, keeping the interface's promises (stops, starts and removals are idempotent).
 * `addressOf` gives a container its address on a network each time it starts (by default a new one, as
 * a real engine may).
 */
export class MemoryDockerEngine implements ContainerEngine {
  readonly containers = new Map<string, MemoryContainer>();
  readonly networks = new Map<string, Record<string, string>>();
  readonly volumes = new Map<string, Record<string, string>>();
  readonly images = new Map<string, Record<string, string>>();
  /** Every call that changes something, in order (`create pactsafs-a-db`, `start ...`). */
  readonly calls: string[] = [];
  /** Answers `exec`; by default every command succeeds with no output. */
  execHandler: (container: string, command: string[]) => { code: number; stdout?: string; stderr?: string } = () => ({ code: 0 });
  private readonly listeners = new Set<Listener>();
  private nextId = 1;

  constructor(private readonly addressOf: (network: string, container: string) => string = defaultAddress()) {}

  async listContainers(filters: { label: string[] }) {
    return [...this.containers.values()].filter((c) => filters.label.every((l) => hasLabel(c.spec.Labels ?? {}, l))).map((c) => this.details(c));
  }

  async inspectContainer(name: string) {
    const container = this.find(name);
    return container && this.details(container);
  }

  async createContainer(spec: ContainerSpec) {
    const name = spec.name ?? '';
    if (this.containers.has(name)) throw new EngineError(409, `Conflict. The container name "/${name}" is already in use`);
    if (!this.images.has(spec.Image ?? '')) throw new EngineError(404, `No such image: ${spec.Image}`);
    const network = spec.HostConfig?.NetworkMode ?? 'bridge';
    if (!this.networks.has(network)) throw new EngineError(404, `network ${network} not found`);
    const publishesPorts = Object.keys(spec.HostConfig?.PortBindings ?? {}).length > 0;
    this.containers.set(name, { id: `id${this.nextId++}`, spec, state: 'created', networks: new Map([[network, '']]), publishesPorts });
    this.record('create', name);
  }

  async startContainer(name: string) {
    const container = this.get(name);
    if (container.state === 'running') return;
    container.state = 'running';
    for (const network of container.networks.keys()) container.networks.set(network, this.addressOf(network, name));
    this.record('start', name);
  }

  async stopContainer(name: string) {
    const container = this.find(name);
    if (container?.state !== 'running') return;
    this.halt(container);
    this.record('stop', name);
  }

  async removeContainer(name: string) {
    const container = this.find(name);
    if (!container) return;
    this.containers.delete(container.spec.name ?? '');
    // The engine's destroy event still carries the container's labels.
    this.record('destroy', container.spec.name ?? '', container.spec.Labels);
  }

  async connect(network: string, container: string) {
    if (!this.networks.has(network)) throw new EngineError(404, `network ${network} not found`);
    const found = this.get(container);
    if (found.networks.has(network)) return;
    found.networks.set(network, found.state === 'running' ? this.addressOf(network, container) : '');
    this.calls.push(`connect ${network} ${container}`);
  }

  async disconnect(network: string, container: string) {
    if (this.find(container)?.networks.delete(network)) this.calls.push(`disconnect ${network} ${container}`);
  }

  async ensureNetwork(name: string, labels: Record<string, string>) {
    if (this.networks.has(name)) return;
    this.networks.set(name, labels);
    this.calls.push(`network ${name}`);
  }

  async removeNetwork(name: string) {
    if (!this.networks.has(name)) return;
    const members = [...this.containers.values()].filter((c) => c.state === 'running' && c.networks.has(name));
    if (members.length > 0) throw new EngineError(403, `error while removing network: network ${name} has active endpoints`);
    this.networks.delete(name);
    this.calls.push(`remove network ${name}`);
  }

  async createVolume(name: string, labels: Record<string, string>) {
    this.volumes.set(name, labels);
    this.calls.push(`volume ${name}`);
  }

  async volumeExists(name: string) {
    return this.volumes.has(name);
  }

  async removeVolume(name: string) {
    if (!this.volumes.has(name)) return;
    const users = [...this.containers.values()].filter((c) => (c.spec.HostConfig?.Mounts ?? []).some((m) => m.Source === name));
    if (users.length > 0) throw new EngineError(409, `remove ${name}: volume is in use - [${users.map((c) => c.id).join(', ')}]`);
    this.volumes.delete(name);
    this.calls.push(`remove volume ${name}`);
  }

  async imageLabels(image: string) {
    return this.images.get(image);
  }

  async pullImage(image: string) {
    throw new Error(`pull access denied for ${image}, repository does not exist`);
  }

  async containerLogs(name: string) {
    return Readable.from([`log of ${this.get(name).spec.name}\n`]);
  }

  async exec(container: string, command: string[], io: ExecIo) {
    if (this.get(container).state !== 'running') throw new EngineError(409, `container ${container} is not running`);
    const { code, stdout = '', stderr = '' } = this.execHandler(container, command);
    io.output?.end(stdout);
    return { code, stderr };
  }

  async events(filters: EngineEventFilters, onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void) {
    const listener = { filters, onEvent, onEnd };
    this.listeners.add(listener);
    return { close: () => void this.listeners.delete(listener) };
  }

  /** The container ends on its own (a crash, or `docker kill`): `die` and `stop` events follow, as on a real engine. */
  exit(name: string): void {
    this.halt(this.get(name));
    this.emit('die', name);
  }

  /** The event stream breaks, as when the engine restarts. */
  dropEvents(): void {
    for (const listener of [...this.listeners]) {
      this.listeners.delete(listener);
      listener.onEnd(new Error('socket hang up'));
    }
  }

  private halt(container: MemoryContainer): void {
    container.state = 'exited';
    for (const network of container.networks.keys()) container.networks.set(network, '');
  }

  private record(action: string, name: string, labels?: Record<string, string>): void {
    this.calls.push(`${action} ${name}`);
    this.emit(action, name, labels);
  }

  private emit(action: string, name: string, labels = this.containers.get(name)?.spec.Labels ?? {}): void {
    const event = { type: 'container', action, attributes: { ...labels, name } };
    for (const { filters, onEvent } of this.listeners) {
      const wanted = filters.type.includes('container') && (filters.event ?? [action]).includes(action);
      if (wanted && (filters.label ?? []).every((l) => hasLabel(labels, l))) onEvent(event);
    }
  }

  private details(container: MemoryContainer): EngineContainerDetails {
    const name = container.spec.name ?? '';
    return {
      id: container.id,
      name,
      labels: { ...this.images.get(container.spec.Image ?? ''), ...container.spec.Labels },
      state: container.state,
      addresses: Object.fromEntries([...container.networks].filter(([, address]) => address)),
      image: container.spec.Image ?? '',
      env: container.spec.Env ?? [],
      publishesPorts: container.publishesPorts,
    };
  }

  private find(nameOrId: string): MemoryContainer | undefined {
    return this.containers.get(nameOrId) ?? [...this.containers.values()].find((c) => c.id === nameOrId);
  }

  private get(nameOrId: string): MemoryContainer {
    const container = this.find(nameOrId);
    if (!container) throw new EngineError(404, `No such container: ${nameOrId}`);
    return container;
  }
}

function hasLabel(labels: Record<string, string>, filter: string): boolean {
  const [key = '', value] = filter.split('=', 2);
  return key in labels && (value === undefined || labels[key] === value);
}

function defaultAddress(): () => string {
  let next = 2;
  return () => `10.0.0.${next++}`;
}
