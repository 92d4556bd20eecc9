/**
 * The swarm lab (test/support/swarm-lab.ts, issue 12) on real engines: three nodes ready, a dnsrr
 * database and broker on an attachable overlay on different nodes, the broker reached from the host
 * through a host-mode port on its node's address, a drain moving it, and close() leaving nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwarmLab, type LabNode, type SwarmLab } from '../support/swarm-lab.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const BROKER_PORT = 9292;
const [POSTGRES_IMAGE, BROKER_IMAGE] = ['pactsafs/postgres:15', 'pactsafs/broker:local'];
const dependencies = (node: LabNode) => `http://${node.address}:${BROKER_PORT}/diagnostic/status/dependencies`;

/** The broker's dependency check at `url`: `true` when it answers with the database ok, else undefined. */
async function databaseOk(url: string): Promise<true | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { database?: { ok?: boolean } };
    return body.database?.ok === true ? true : undefined;
  } catch {
    return undefined;
  }
}

async function silent(url: string): Promise<true | undefined> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return undefined;
  } catch {
    return true;
  }
}

function hostCommand(command: string, args: string[]): string {
  return spawnSync(command, args, { encoding: 'utf8' }).stdout;
}

describe.runIf(provided('swarm'))('a three-node swarm lab', () => {
  let lab: SwarmLab;
  const nodes = () => lab.nodes as [LabNode, LabNode, LabNode];
  const runningOn = (service: string) =>
    lab.docker(lab.manager, ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}}']);

  beforeAll(async () => {
    lab = await startSwarmLab({ nodes: 3, images: [POSTGRES_IMAGE, BROKER_IMAGE] });
    console.log(`swarm lab started: ${JSON.stringify(lab.timings)} (ms)`);
  }, 240_000);
  afterAll(() => lab?.close(), 120_000);

  it('has three ready nodes, one manager, each with its own hostname and engine ID', () => {
    const listed = lab.docker(lab.manager, ['node', 'ls', '--format', '{{.Hostname}}:{{.Status}}:{{.ManagerStatus}}']).split('\n').sort();
    expect(listed).toEqual([`${nodes()[0].name}:Ready:Leader`, `${nodes()[1].name}:Ready:`, `${nodes()[2].name}:Ready:`]);
    const engineIds = lab.nodes.map((node) => lab.docker(node, ['info', '--format', '{{.ID}}']));
    const mainEngineId = hostCommand('docker', ['info', '--format', '{{.ID}}']).trim();
    expect(new Set([...engineIds, mainEngineId]).size).toBe(4);
  });

  it('serves a broker on one worker from a database on another, over an attachable dnsrr overlay', async () => {
    const [first, second, third] = nodes();
    lab.docker(lab.manager, ['network', 'create', '--driver', 'overlay', '--attachable', 'lab-net']);
    lab.label(second, 'lab.db', 'true');
    lab.label(third, 'lab.broker', 'true');
    const started = Date.now();
    createService(['--name', 'db', '--constraint', 'node.labels.lab.db==true',
      '-e', 'POSTGRES_USER=pact', '-e', 'POSTGRES_PASSWORD=pact', '-e', 'POSTGRES_DB=pact', POSTGRES_IMAGE]);
    createService(['--name', 'broker', '--constraint', 'node.labels.lab.broker==true',
      '--publish', `mode=host,target=${BROKER_PORT},published=${BROKER_PORT}`,
      '-e', 'PACT_BROKER_DATABASE_URL=postgres://pact:pact@db:5432/pact', '-e', 'PACT_BROKER_DATABASE_CONNECT_MAX_RETRIES=30',
      BROKER_IMAGE]);
    await until('the broker on the third node answering with its database ok', () => databaseOk(dependencies(third)), 120_000);
    console.log(`services created → broker answering from the host, database ok: ${Date.now() - started} ms`);
    expect([runningOn('db'), runningOn('broker')]).toEqual([second.name, third.name]);

    // A client on the first node, attached to the overlay, reaches the database on the second by name.
    const fromFirst = lab.docker(first, ['run', '--rm', '--network', 'lab-net', '-e', 'PGPASSWORD=pact', POSTGRES_IMAGE,
      'psql', '-h', 'db', '-U', 'pact', '-d', 'pact', '-Atc', 'select count(*) > 0 from information_schema.tables where table_schema = current_schema()']);
    expect(fromFirst).toBe('t');
  }, 180_000);

  it('moves the broker to another node when its node is drained', async () => {
    const [first, , third] = nodes();
    lab.label(first, 'lab.broker', 'true');
    const started = Date.now();
    lab.drain(third);
    await until('the old broker to stop answering', () => silent(dependencies(third)), 60_000);
    await until('the broker on the first node answering with its database ok', () => databaseOk(dependencies(first)), 120_000);
    console.log(`drain → broker answering on another node: ${Date.now() - started} ms`);
    expect(runningOn('broker')).toBe(first.name);
  }, 180_000);

  it('sees a killed engine and a cut-off node as down, and each ready again once restarted or healed', async () => {
    const [, second, third] = nodes();
    lab.kill(second);
    console.log(`engine SIGKILLed → node down: ${await lab.waitForNodeState(second, 'down')} ms`);
    let started = Date.now();
    await lab.start(second);
    console.log(`engine restarted → node ready: ${Date.now() - started} ms`);
    lab.partition(third);
    console.log(`node cut off → node down: ${await lab.waitForNodeState(third, 'down')} ms`);
    started = Date.now();
    lab.heal(third);
    console.log(`healed → node ready: ${await lab.waitForNodeState(third, 'ready')} ms`);
    expect(lab.nodes.map((node) => lab.nodeState(node))).toEqual(['ready', 'ready', 'ready']);
  }, 240_000);

  it('close() stops every engine and leaves no namespace, link, address, state, cgroup or lock behind', async () => {
    // A killed engine leaves its containers running (pitfall 7): close() must end those too.
    const [, second] = nodes();
    await until('the database running on the second node again', async () => (runningOn('db') === second.name ? true : undefined), 120_000);
    lab.kill(second);
    expect(hostCommand('ip', ['netns', 'pids', second.name]).trim()).not.toBe('');
    const started = Date.now();
    await lab.close();
    console.log(`close: ${Date.now() - started} ms`);
    const names = [...lab.nodes.map((node) => node.name), lab.network.hub];
    const namespaces = hostCommand('ip', ['netns', 'list']).split('\n').map((line) => line.split(' ')[0]);
    expect(namespaces.filter((name) => names.includes(name!))).toEqual([]);
    expect(hostCommand('ip', ['-br', 'link']).split('\n').filter((line) => line.startsWith(`${lab.network.hostLink} `) || line.startsWith(`${lab.network.hostLink}@`))).toEqual([]);
    expect(hostCommand('ip', ['-br', 'addr'])).not.toContain(`${lab.network.hostAddress}/`);
    const cgroups = readdirSync('/sys/fs/cgroup').flatMap((controller) =>
      lab.nodes.map((node) => `/sys/fs/cgroup/${controller}/pactsafs-${node.name}`).filter((dir) => existsSync(dir)));
    expect(cgroups).toEqual([]);
    const state = lab.nodes.flatMap((node) => [`/run/${node.name}`, node.dataRoot!, dirname(node.dataRoot!), `/etc/netns/${node.name}`]);
    expect(state.filter((path) => existsSync(path))).toEqual([]);
    expect(readFileSync('/proc/self/mounts', 'utf8').split('\n').filter((line) => state.includes(line.split(' ')[1]!))).toEqual([]);
    expect(readdirSync('/run').filter((name) => /^pactsafs-swlab\d+\.lock/.test(name) && hostCommand('cat', [`/run/${name}`]).trim() === String(process.pid))).toEqual([]);
    expect(hostCommand('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}']).trim()).toBe('inactive');
  }, 120_000);

  function createService(args: string[]) {
    lab.docker(lab.manager, ['service', 'create', '--detach', '--no-resolve-image', '--endpoint-mode', 'dnsrr', '--network', 'lab-net', ...args]);
  }
});
