/**
 * The swarm runtime on a real swarm (issue 12, items 1 and 3): the engine sw1 that `npm test` starts
 * (a single-node manager in a network namespace, test/setup/swarm-engine.mjs), the platform running
 * on it as a service on pactsafs-gateway, driven from the host through its host-mode port on
 * 10.99.0.11. Create → the official CLI through the gateway → stop → start → a killed broker task
 * replaced and routed again → platform restart adopting → registry rebuilt from the engine →
 * upgrade without downtime → remove leaving nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execIn } from '../support/docker-cleanup.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { answers, startSwarmPlatform, type SwarmPlatform } from '../support/swarm-platform.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

// `npm test` builds pactsafs/platform:local from this tree and copies it into sw1; a run of this
// suite alone may name another build of the tree.
const PLATFORM_IMAGE = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const PORT = 18480;
const A = 'swa';
const B = 'swb';
const C = 'swc';

describe.runIf(provided('swarm'))('swarm runtime on a real swarm (issue 12)', () => {
  let platform: SwarmPlatform;
  let docker: Dockerode;
  let pactDir: string;
  const api = (route: string, init: RequestInit = {}) =>
    fetch(`${platform.base}/api${route}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  const tenantUrl = (name: string) => `${platform.base}/t/${name}`;
  const heartbeat = (name: string) => answers(`${tenantUrl(name)}/diagnostic/status/heartbeat`);
  const service = async (name: string) => (await docker.getService(name).inspect()) as Dockerode.Service;
  const runningTasks = async (name: string) =>
    ((await docker.listTasks({ filters: { service: [name], 'desired-state': ['running'] } })) as { ID: string; Status: { State: string; ContainerStatus?: { ContainerID?: string } } }[])
      .filter((task) => task.Status.State === 'running');

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(tmpdir(), 'swarm-runtime-'));
    platform = await startSwarmPlatform({ image: PLATFORM_IMAGE, port: PORT });
    docker = platform.docker;
  }, 120_000);
  afterAll(async () => {
    await platform?.remove([A, B, C]);
    await rm(pactDir, { recursive: true, force: true });
  }, 120_000);

  it('creates swarm tenants: dnsrr services with the contract labels, the db pinned to its node, brokers on pactsafs-gateway', async () => {
    const started = Date.now();
    const [a, b] = await Promise.all([
      api('/tenants', { method: 'POST', body: JSON.stringify({ name: A, runtime: 'swarm' }) }),
      api('/tenants', { method: 'POST', body: JSON.stringify({ name: B, runtime: 'swarm', brokerReplicas: 2 }) }),
    ]);
    console.log(`two swarm tenants created and serving in ${Date.now() - started} ms`);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const created = (await b.json()) as { state: string; runtime: string; brokerReplicas: number; node: string };
    expect(created).toMatchObject({ state: 'running', runtime: 'swarm', brokerReplicas: 2 });
    const [node] = (await docker.listNodes()) as { ID: string }[];
    expect(created.node).toBe(node?.ID);

    const broker = await service(`pactsafs-${B}-broker`);
    const db = await service(`pactsafs-${B}-db`);
    expect(broker.Spec?.Labels).toMatchObject({
      'pactsafs.tenant': B, 'pactsafs.role': 'broker', 'pactsafs.state': 'running', 'pactsafs.node': node?.ID, 'pactsafs.platform': 'e2e-swarm-runtime',
    });
    expect(JSON.parse(broker.Spec?.Labels?.['pactsafs.settings'] ?? '{}')).toMatchObject({ brokerReplicas: 2 });
    expect(db.Spec?.Labels).toMatchObject({ 'pactsafs.tenant': B, 'pactsafs.role': 'db' });
    expect(broker.Spec?.EndpointSpec?.Mode).toBe('dnsrr');
    expect(db.Spec?.EndpointSpec?.Mode).toBe('dnsrr');
    expect(broker.Spec?.Mode?.Replicated?.Replicas).toBe(2);
    expect(broker.Spec?.UpdateConfig?.Order).toBe('start-first');
    expect(db.Spec?.TaskTemplate?.Placement?.Constraints).toEqual([`node.id==${node?.ID}`]);
    const networkNames = await Promise.all(
      (broker.Spec?.TaskTemplate?.Networks ?? []).map(async (network) => ((await docker.getNetwork(network.Target ?? '').inspect()) as { Name: string }).Name),
    );
    expect(networkNames.sort()).toEqual(['pactsafs-gateway', `pactsafs-${B}`]);
    await until('both broker tasks of swb running', async () => ((await runningTasks(`pactsafs-${B}-broker`)).length === 2 ? true : undefined));
  }, 180_000);

  it('keeps the database password in a Swarm secret mounted in both services (our images read _FILE variables), not in their specs', async () => {
    const secrets = await docker.listSecrets({ filters: { label: [`pactsafs.tenant=${B}`] } });
    expect(secrets.map((secret) => ({ name: secret.Spec?.Name, labels: secret.Spec?.Labels }))).toEqual([
      { name: `pactsafs-${B}-db-password`, labels: { 'pactsafs.tenant': B, 'pactsafs.role': 'db-password', 'pactsafs.version': expect.any(String), 'pactsafs.platform': 'e2e-swarm-runtime' } },
    ]);
    const [db, broker] = await Promise.all([service(`pactsafs-${B}-db`), service(`pactsafs-${B}-broker`)]);
    for (const spec of [db, broker]) {
      const template = spec.Spec?.TaskTemplate;
      const mounted = template && 'ContainerSpec' in template ? template.ContainerSpec?.Secrets : undefined;
      expect(mounted?.map((secret) => secret.SecretID)).toEqual([secrets[0]?.ID]);
    }
    // The password as the database task reads it: nowhere in what `docker service inspect` shows.
    const [task] = await runningTasks(`pactsafs-${B}-db`);
    const { output: password } = await execIn(docker.getContainer(task?.Status.ContainerStatus?.ContainerID ?? ''), ['cat', '/run/secrets/db-password']);
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify([db, broker])).not.toContain(password);
  }, 60_000);

  it('serves the official CLI through the gateway (path form): publish and can-i-deploy', async () => {
    await writePactFile(pactDir, 'Web', 'Orders');
    const base = tenantUrl(A);
    const published = await pactBroker(['publish', pactDir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--broker-base-url', base]);
    expect(published.stdout + published.stderr).toContain(`View the published pact at ${base}/pacts/provider/Orders/consumer/Web/version/1.0.0`);
    expect((await pactBroker(['create-environment', '--name', 'production', '--production', '--broker-base-url', base])).code).toBe(0);
    const answer = await pactBroker(['can-i-deploy', '--pacticipant', 'Web', '--version', '1.0.0', '--to-environment', 'production', '-o', 'json', '--broker-base-url', base]);
    const result = JSON.parse(answer.stdout) as { summary: { deployable: boolean | null }; notices: unknown[] };
    expect(result.summary.deployable).toBeNull();
    expect(JSON.stringify(result.notices)).toMatch(/No version of Orders is currently recorded as deployed or released in environment production|There is no verified pact/);
    const dbLog = await api(`/tenants/${A}/logs?role=db&tail=200`);
    expect(dbLog.status).toBe(200);
    expect(await dbLog.text()).toContain('database system is ready to accept connections');
    // The other tenant is another broker over another database.
    const other = await fetch(`${tenantUrl(B)}/pacticipants`);
    expect(((await other.json()) as { _embedded?: { pacticipants?: unknown[] } })._embedded?.pacticipants ?? []).toEqual([]);
  }, 120_000);

  it('backs up a swarm tenant row by row and makes another swarm tenant from the backup (the platform on their networks only meanwhile)', async () => {
    const backup = await fetch(`${platform.base}/api/tenants/${A}/backup`);
    expect(backup.status).toBe(200);
    const archive = Buffer.from(await backup.arrayBuffer());
    const restored = await fetch(`${platform.base}/api/tenants?restoreFrom=upload&name=${C}&runtime=swarm`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive,
    });
    expect(restored.status, await restored.clone().text()).toBe(201);
    expect(((await restored.json()) as { runtime: string }).runtime).toBe('swarm');
    const pact = await fetch(`${tenantUrl(C)}/pacts/provider/Orders/consumer/Web/latest`);
    expect(pact.status).toBe(200);
    const networks = Object.keys(((await (await platform.container()).inspect()) as Dockerode.ContainerInspectInfo).NetworkSettings.Networks);
    expect(networks).toEqual(['pactsafs-gateway']);
  }, 180_000);

  it('stops (broker replicas 0, state label stopped, 503) and starts again with its data', async () => {
    const stopped = await api(`/tenants/${A}/stop`, { method: 'POST' });
    expect(stopped.status).toBe(200);
    const broker = await service(`pactsafs-${A}-broker`);
    expect(broker.Spec?.Mode?.Replicated?.Replicas).toBe(0);
    expect(broker.Spec?.Labels?.['pactsafs.state']).toBe('stopped');
    expect((await fetch(`${tenantUrl(A)}/diagnostic/status/heartbeat`)).status).toBe(503);
    // The stop answers once no broker task runs.
    expect(await runningTasks(`pactsafs-${A}-broker`)).toEqual([]);

    const started = await api(`/tenants/${A}/start`, { method: 'POST' });
    expect(started.status).toBe(200);
    expect((await service(`pactsafs-${A}-broker`)).Spec?.Mode?.Replicated?.Replicas).toBe(1);
    await until('one running broker task of swa', async () => ((await runningTasks(`pactsafs-${A}-broker`)).length === 1 ? true : undefined), 10_000);
    const pact = await fetch(`${tenantUrl(A)}/pacts/provider/Orders/consumer/Web/latest`);
    expect(pact.status).toBe(200);
  }, 120_000);

  it('a killed broker task is replaced by Swarm and routed to again (measured)', async () => {
    const [task] = await runningTasks(`pactsafs-${A}-broker`);
    const containerId = task?.Status.ContainerStatus?.ContainerID ?? '';
    expect(containerId).not.toBe('');
    const killedAt = Date.now();
    await docker.getContainer(containerId).kill();
    // The figure: back within 15 s.
    await until('swa answering through the gateway from a new broker task', async () => {
      const [replacement] = await runningTasks(`pactsafs-${A}-broker`);
      return replacement && replacement.ID !== task?.ID ? heartbeat(A) : undefined;
    }, 15_000);
    console.log(`broker task killed → a new task answering through the gateway: ${Date.now() - killedAt} ms`);
  }, 60_000);

  it('a platform restart adopts the services as they run: no service updated, no task restarted, no secret made again', async () => {
    const secrets = async () => (await docker.listSecrets({ filters: { label: ['pactsafs.platform=e2e-swarm-runtime'] } })).map((secret) => `${secret.Spec?.Name} ${secret.ID}`).sort();
    const secretsBefore = await secrets();
    expect(secretsBefore.map((secret) => secret.split(' ')[0])).toEqual(expect.arrayContaining([`pactsafs-${A}-db-password`, `pactsafs-${B}-db-password`]));
    const before = await Promise.all([`pactsafs-${A}-broker`, `pactsafs-${A}-db`, `pactsafs-${B}-broker`].map(async (name) => ({
      version: (await service(name)).Version?.Index,
      tasks: (await runningTasks(name)).map((task) => task.ID).sort(),
    })));
    await platform.restart();
    await until('swa serving through the restarted platform', () => heartbeat(A));
    const after = await Promise.all([`pactsafs-${A}-broker`, `pactsafs-${A}-db`, `pactsafs-${B}-broker`].map(async (name) => ({
      version: (await service(name)).Version?.Index,
      tasks: (await runningTasks(name)).map((task) => task.ID).sort(),
    })));
    expect(after).toEqual(before);
    expect(await secrets()).toEqual(secretsBefore);
  }, 120_000);

  it('rebuilds a deleted registry from the engine, with each tenant\'s state', async () => {
    expect((await api(`/tenants/${B}/stop`, { method: 'POST' })).status).toBe(200);
    const container = await platform.container();
    const exec = await container.exec({ Cmd: ['rm', '/data/registry.json'], AttachStdout: true, AttachStderr: true });
    await exec.start({});
    await until('the rm to finish', async () => ((await exec.inspect()).Running ? undefined : true));
    expect((await exec.inspect()).ExitCode).toBe(0);
    await platform.restart();
    const listed = (await (await api('/tenants')).json()) as { tenants: { name: string; state: string; runtime: string; brokerReplicas?: number }[] };
    expect(listed.tenants.map(({ name, state, runtime, brokerReplicas }) => ({ name, state, runtime, brokerReplicas }))).toEqual([
      { name: A, state: 'running', runtime: 'swarm', brokerReplicas: 1 },
      { name: B, state: 'stopped', runtime: 'swarm', brokerReplicas: 2 },
      { name: C, state: 'running', runtime: 'swarm', brokerReplicas: 1 },
    ]);
    await until('swa serving after the rebuild', () => heartbeat(A));
    expect((await fetch(`${tenantUrl(A)}/pacts/provider/Orders/consumer/Web/latest`)).status).toBe(200);
    expect((await fetch(`${tenantUrl(B)}/diagnostic/status/heartbeat`)).status).toBe(503);
    // The password is in a secret, which Swarm never gives back: backups say why they cannot be made.
    const backup = await api(`/tenants/${A}/backup`);
    expect(backup.status).toBe(409);
    expect(((await backup.json()) as { detail: string }).detail).toMatch(/No database password is recorded for tenant "swa"/);
  }, 180_000);

  it('repairs what is changed behind its back: a removed broker service is recreated, a hand-scaled stopped broker scaled back', async () => {
    const removedAt = Date.now();
    await docker.getService(`pactsafs-${A}-broker`).remove();
    // The removed service's task may still answer while it stops: wait for a task of the new service.
    await until('swa answering through the gateway from a recreated broker service', async () => {
      const recreated = await docker.getService(`pactsafs-${A}-broker`).inspect().catch(() => undefined);
      return recreated && (await runningTasks(`pactsafs-${A}-broker`)).length === 1 ? heartbeat(A) : undefined;
    }, 90_000);
    console.log(`broker service removed → recreated and answering through the gateway: ${Date.now() - removedAt} ms`);
    expect((await service(`pactsafs-${A}-broker`)).Spec?.Labels?.['pactsafs.state']).toBe('running');

    const stopped = await service(`pactsafs-${B}-broker`);
    await docker.getService(stopped.ID).update({ version: stopped.Version?.Index, ...stopped.Spec, Mode: { Replicated: { Replicas: 1 } } });
    await until('swb scaled back to 0 replicas', async () => ((await service(`pactsafs-${B}-broker`)).Spec?.Mode?.Replicated?.Replicas === 0 ? true : undefined), 30_000);
    expect((await (await api(`/tenants/${B}`)).json()) as { state: string }).toMatchObject({ state: 'stopped' });
  }, 180_000);

  it('upgrades the broker image start-first while requests keep flowing (failures counted)', async () => {
    // Another tag of the same image: Swarm starts a new task for it all the same.
    await docker.getImage('pactsafs/broker:local').tag({ repo: 'pactsafs/broker', tag: 'swarm-upgrade' });
    let requests = 0;
    const failures: string[] = [];
    let polling = true;
    const startedAt = Date.now();
    const poller = (async () => {
      while (polling) {
        requests += 1;
        const sentAt = Date.now() - startedAt;
        // 5 s: a busy machine's slow answer is not an outage; a request to a task that is gone never answers.
        const response = await fetch(`${tenantUrl(A)}/diagnostic/status/heartbeat`, { signal: AbortSignal.timeout(5_000) }).catch((error: Error) => error);
        if (response instanceof Error) failures.push(`${response.message} (sent at ${sentAt} ms)`);
        else if (response.status !== 200) failures.push(`HTTP ${response.status} (sent at ${sentAt} ms)`);
        if (!(response instanceof Error)) await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const upgraded = await api(`/tenants/${A}/upgrade`, { method: 'POST', body: JSON.stringify({ image: 'pactsafs/broker:swarm-upgrade' }) });
    const answeredAt = Date.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the old task's stop, after the new one serves
    polling = false;
    await poller;
    console.log(`upgrade answered after ${answeredAt} ms; ${requests} heartbeats through the gateway meanwhile and 3 s after, ${failures.length} failed: ${failures.join(', ')}`);
    expect(upgraded.status).toBe(200);
    expect(((await upgraded.json()) as { brokerImage: string }).brokerImage).toBe('pactsafs/broker:swarm-upgrade');
    const broker = await service(`pactsafs-${A}-broker`);
    expect(broker.Spec?.TaskTemplate && 'ContainerSpec' in broker.Spec.TaskTemplate && broker.Spec.TaskTemplate.ContainerSpec?.Image).toBe('pactsafs/broker:swarm-upgrade');
    expect(failures).toEqual([]);

    // Another rolling update (an earlier update's status must not be taken for this one's), and a stopped tenant's.
    const back = await api(`/tenants/${A}/upgrade`, { method: 'POST', body: JSON.stringify({ image: 'pactsafs/broker:local' }) });
    expect(back.status).toBe(200);
    const image = async (name: string) => {
      const spec = (await service(name)).Spec?.TaskTemplate;
      return spec && 'ContainerSpec' in spec ? spec.ContainerSpec?.Image : undefined;
    };
    expect(await image(`pactsafs-${A}-broker`)).toBe('pactsafs/broker:local');
    // The answer comes once the update is done: every task meant to run is of the new image.
    expect((await service(`pactsafs-${A}-broker`)).UpdateStatus?.State).toBe('completed');
    const tasks = (await docker.listTasks({ filters: { service: [`pactsafs-${A}-broker`], 'desired-state': ['running'] } })) as { Spec: { ContainerSpec: { Image: string } } }[];
    expect(tasks.map((task) => task.Spec.ContainerSpec.Image)).toEqual(['pactsafs/broker:local']);
    expect(await heartbeat(A)).toBe(true);
    const stopped = await api(`/tenants/${B}/upgrade`, { method: 'POST', body: JSON.stringify({ image: 'pactsafs/broker:swarm-upgrade' }) });
    expect(stopped.status).toBe(200);
    expect(await image(`pactsafs-${B}-broker`)).toBe('pactsafs/broker:swarm-upgrade');
    expect((await service(`pactsafs-${B}-broker`)).Spec?.Mode?.Replicated?.Replicas).toBe(0);
  }, 240_000);

  it('removes tenants leaving no service, network, volume or secret', async () => {
    for (const name of [A, B, C]) expect((await api(`/tenants/${name}`, { method: 'DELETE' })).status).toBe(204);
    const labelled = { filters: { label: ['pactsafs.tenant', 'pactsafs.platform=e2e-swarm-runtime'] } };
    expect((await docker.listServices(labelled)).map((item) => item.Spec?.Name)).toEqual([]);
    const networks = (await docker.listNetworks()).map((network) => network.Name);
    expect(networks.filter((name) => [A, B, C].some((tenant) => name === `pactsafs-${tenant}`))).toEqual([]);
    const { Volumes } = await docker.listVolumes();
    expect((Volumes ?? []).map((volume) => volume.Name).filter((name) => [A, B, C].some((tenant) => name.startsWith(`pactsafs-${tenant}-`)))).toEqual([]);
    expect(await docker.listSecrets(labelled)).toEqual([]);
    expect((await (await api('/tenants')).json()) as unknown).toEqual({ tenants: [] });
    await docker.getImage('pactsafs/broker:swarm-upgrade').remove().catch(() => {});
  }, 180_000);
});
