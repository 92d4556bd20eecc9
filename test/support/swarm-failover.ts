/**
 * Node failures of a three-node swarm lab as the swarm failover e2e and bench drive them (issue 12):
 * the platform on the manager, tenants on the two workers, a poller through the manager's gateway
 * recording every answer with its time, and the outage read from those answers.
 */
import Dockerode from 'dockerode';
import { startSwarmLab, type LabNode, type SwarmLab } from './swarm-lab.js';
import { answers, startSwarmPlatform, type SwarmPlatform } from './swarm-platform.js';
import { until } from './until.js';

const PLATFORM_IMAGE = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const POLL_EVERY_MS = 50;
const PLATFORM_SERVICE = 'pactsafs-failover-platform';

export interface FailoverLab {
  lab: SwarmLab;
  platform: SwarmPlatform;
  /** The platform's log lines since `since` (a Date) on failed upstreams and on repairs of tenants: why answers failed. */
  platformWarnings(since: Date): string[];
  /** Removes the named tenants and the platform, then the lab (always call it). */
  close(tenants: string[]): Promise<void>;
}

/**
 * A manager and two workers (one manager is enough: no test here loses it, and with three managers a
 * lost leader delays every rescheduling to 50-60 s, docs/local-engines.md#swarm-pitfalls, pitfall 8), the
 * platform on the manager, tenants only on workers, so a broker is always served across nodes.
 */
export async function startFailoverLab(port: number): Promise<FailoverLab> {
  const lab = await startSwarmLab({ nodes: 3, images: ['pactsafs/postgres:15', 'pactsafs/broker:local', PLATFORM_IMAGE] });
  try {
    const platform = await startSwarmPlatform({
      image: PLATFORM_IMAGE,
      port,
      docker: new Dockerode({ socketPath: lab.manager.socketPath }),
      nodeAddress: lab.manager.address,
      name: PLATFORM_SERVICE,
      env: ['PACTSAFS_SWARM_CONSTRAINTS=node.role==worker'],
    });
    const close = async (tenants: string[]) => {
      await platform.remove(tenants).catch(() => {});
      await lab.close();
    };
    const platformWarnings = (since: Date) =>
      lab.docker(lab.manager, ['service', 'logs', '--raw', '--since', since.toISOString(), PLATFORM_SERVICE]).split('\n').filter((line) => /tenant upstream failed|repairing a swarm tenant|updating the broker/.test(line));
    return { lab, platform, platformWarnings, close };
  } catch (error) {
    await lab.close();
    throw error;
  }
}

/** A tenant as the control plane reports it. */
export interface TenantView {
  state: string;
  reason: string | null;
  node: string;
  brokerReplicas?: number;
}

/** Creates a swarm tenant with `brokerReplicas` and waits for its 201; throws with the answer otherwise. */
export async function createTenant(platform: SwarmPlatform, name: string, brokerReplicas = 1): Promise<TenantView> {
  const created = await fetch(`${platform.base}/api/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, runtime: 'swarm', brokerReplicas }) });
  if (created.status !== 201) throw new Error(`creating ${name} answered ${created.status}: ${await created.text()}`);
  return (await created.json()) as TenantView;
}

export async function tenantView(platform: SwarmPlatform, name: string): Promise<TenantView> {
  return (await (await fetch(`${platform.base}/api/tenants/${name}`)).json()) as TenantView;
}

export function heartbeatUrl(platform: SwarmPlatform, tenant: string): string {
  return `${platform.base}/t/${tenant}/diagnostic/status/heartbeat`;
}

/** The node name of each task of the tenant's `role` service that is meant to run and running. */
function runningTasks(lab: SwarmLab, tenant: string, role: 'broker' | 'db'): string[] {
  const listed = lab.docker(lab.manager, ['service', 'ps', `pactsafs-${tenant}-${role}`, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']);
  return listed.split('\n').filter((line) => / Running /.test(line)).map((line) => line.split(' ')[0] ?? '');
}

/** The lab nodes running a task of the tenant's `role` service. */
export function nodesRunning(lab: SwarmLab, tenant: string, role: 'broker' | 'db'): LabNode[] {
  const names = runningTasks(lab, tenant, role);
  return lab.nodes.filter((node) => names.includes(node.name));
}

/** The worker the tenant's database is pinned to, and the other worker. */
export function workers(lab: SwarmLab, tenant: TenantView): { dbNode: LabNode; other: LabNode } {
  const dbNode = lab.nodes.find((node) => node.id === tenant.node);
  const other = lab.nodes.find((node) => node !== lab.manager && node !== dbNode);
  if (!dbNode || !other) throw new Error(`the tenant's database node ${tenant.node} is not a worker of the lab`);
  return { dbNode, other };
}

/**
 * Swarm does not rebalance: a broker that moved stays. `service update --force` restarts its tasks
 * (start-first), and the scheduler spreads the new ones. Resolves once the tenant's broker tasks all
 * run (healthy: they have a health check), one of them on `node`; does nothing when that is already so.
 */
export async function rebalanceOnto(failover: FailoverLab, tenant: string, node: LabNode): Promise<void> {
  const { lab, platform } = failover;
  const replicas = (await tenantView(platform, tenant)).brokerReplicas ?? 1;
  const service = `pactsafs-${tenant}-broker`;
  const updateState = () => lab.docker(lab.manager, ['service', 'inspect', service, '--format', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}']);
  const steady = () =>
    until(`${service} steady`, async () => (runningTasks(lab, tenant, 'broker').length === replicas && !['updating', 'rollback_started'].includes(updateState()) ? true : undefined), 180_000);
  for (let attempt = 0; ; attempt++) {
    await steady();
    if (runningTasks(lab, tenant, 'broker').includes(node.name)) return;
    if (attempt === 3) throw new Error(`${tenant}'s brokers did not land on ${node.name} after 3 forced updates`);
    lab.docker(lab.manager, ['service', 'update', '--detach', '--force', service]);
    // A rolling update still under way would go on replacing tasks during the failure that follows.
    await until(`the forced update of ${service}`, async () => (updateState() === 'completed' ? true : undefined), 180_000);
  }
}

/** One answer of the poller: milliseconds since it started, the status (0: no answer within 2 s) and how long it took. */
export interface Sample {
  at: number;
  status: number;
  tookMs: number;
}

export interface Poller {
  /** Milliseconds since the poller started. */
  now(): number;
  /** Stops polling; resolves with every answer in order. */
  stop(): Promise<Sample[]>;
}

/** GETs `url` every 50 ms (one request at a time) and records each answer's status by its start time. */
export function startPoller(url: string): Poller {
  const started = performance.now();
  const now = () => performance.now() - started;
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = now();
      const status = await statusOf(url);
      samples.push({ at, status, tookMs: now() - at });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, POLL_EVERY_MS - (now() - at))));
    }
  })();
  return {
    now,
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

async function statusOf(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** What the poller saw from `from` (ms) on. */
export interface Outage {
  polled: number;
  /** Answers that were not 200, by status (0: none within 2 s). */
  failures: Record<number, number>;
  /** Milliseconds during which the answers were not 200 (each answer counts until the next one started). */
  failingMs: number;
  /** Milliseconds from `from` to the first 200 after the last answer that was not; 0 when every answer was 200. */
  backAfterMs: number;
  /** The answers that were not 200, their times counted from `from`. */
  failed: Sample[];
}

/** Reads the outage from the poller's samples; `samples` must end with a 200 to call the tenant back. */
export function outage(samples: Sample[], from = 0): Outage {
  const seen = samples.filter((sample) => sample.at >= from);
  const failures: Record<number, number> = {};
  const failed: Sample[] = [];
  let failingMs = 0;
  let lastFailure = -1;
  seen.forEach((sample, i) => {
    if (sample.status === 200) return;
    failures[sample.status] = (failures[sample.status] ?? 0) + 1;
    failed.push({ ...sample, at: sample.at - from });
    failingMs += (seen[i + 1]?.at ?? sample.at) - sample.at;
    lastFailure = i;
  });
  const back = lastFailure < 0 ? undefined : seen[lastFailure + 1];
  return { polled: seen.length, failures, failingMs, backAfterMs: lastFailure < 0 ? 0 : back ? back.at - from : Number.NaN, failed };
}

/** Waits until the tenant answers 200 through the gateway. */
export function servingAgain(platform: SwarmPlatform, tenant: string, timeoutMs = 120_000): Promise<true> {
  return until(`${tenant} answering 200 through the gateway`, () => answers(heartbeatUrl(platform, tenant)), timeoutMs);
}

/** What a drain or an engine kill did to a tenant, measured through the gateway. */
export interface Failover {
  outage: Outage;
  /** Milliseconds from the drain or kill until the broker tasks all ran on other nodes. */
  movedAfterMs: number;
  /** For a kill: milliseconds until the manager marked the node down. */
  downAfterMs?: number;
  /** When an answer failed: the broker's tasks as the manager lists them (node, states, error), to tell why. */
  tasks?: string[];
}

// Answers before the failure show the tenant served; answers after it show it stays served.
const BEFORE_MS = 1_000;
const AFTER_MS = 3_000;

/** Drains `node` while polling the tenant, until its brokers run elsewhere and it answers; the node is active again afterwards. */
export function drainWhilePolling(failover: FailoverLab, tenant: string, node: LabNode): Promise<Failover> {
  const { lab } = failover;
  return pollAround(failover, tenant, node, () => lab.drain(node), () => lab.activate(node));
}

/** SIGKILLs `node`'s engine while polling the tenant, until its brokers run elsewhere and it answers; the engine stays down. */
export async function killWhilePolling(failover: FailoverLab, tenant: string, node: LabNode): Promise<Failover> {
  const { lab } = failover;
  let down: Promise<number> | undefined;
  const result = await pollAround(failover, tenant, node, () => {
    lab.kill(node);
    down = lab.waitForNodeState(node, 'down');
  });
  return { ...result, downAfterMs: await down };
}

async function pollAround(failover: FailoverLab, tenant: string, node: LabNode, act: () => void, undo: () => void = () => {}): Promise<Failover> {
  const { lab, platform } = failover;
  const replicas = (await tenantView(platform, tenant)).brokerReplicas ?? 1;
  const poller = startPoller(heartbeatUrl(platform, tenant));
  try {
    await sleep(BEFORE_MS);
    const from = poller.now();
    act();
    await until(`${tenant}'s ${replicas} broker task(s) running away from ${node.name}`, async () => {
      const running = runningTasks(lab, tenant, 'broker');
      return running.length === replicas && !running.includes(node.name) ? true : undefined;
    }, 180_000);
    const movedAfterMs = poller.now() - from;
    await servingAgain(platform, tenant);
    await sleep(AFTER_MS);
    const seen = outage(await poller.stop(), from);
    return { outage: seen, movedAfterMs, ...(seen.failed.length > 0 && { tasks: taskHistory(lab, tenant) }) };
  } finally {
    await poller.stop();
    undo();
  }
}

function taskHistory(lab: SwarmLab, tenant: string): string[] {
  const service = `pactsafs-${tenant}-broker`;
  const format = '{{.Name}} {{.Node}} desired {{.DesiredState}}, {{.CurrentState}} {{.Error}}';
  const version = lab.docker(lab.manager, ['service', 'inspect', service, '--format', 'spec version {{.Version.Index}}, updated {{.UpdatedAt}}, update {{if .UpdateStatus}}{{.UpdateStatus.State}} {{.UpdateStatus.StartedAt}}{{end}}']);
  return [...lab.docker(lab.manager, ['service', 'ps', '--no-trunc', '--format', format, service]).split('\n'), version];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
