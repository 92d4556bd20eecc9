/**
 * compose/docker-compose.yml: the platform itself in a container (pactsafs/platform:local) with the
 * host's Docker socket, one published port, and docker tenants made of our no-registry images.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { allHrefs, httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { freePort, repoRoot } from '../support/platform-process.js';
import { restoreUndoesALaterPublish } from '../support/backup-round-trip.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const docker = new Dockerode();
const run = randomBytes(3).toString('hex');
const project = `pactsafs-e2e-${run}`;
// Names of our own, so the suite never meets a stack someone runs with the defaults (`pactsafs`).
const containerName = `pactsafs-e2e-${run}`;
// The platform's network must sort before every tenant network (`pactsafs-<tenant>`): the compose
// file says why. `e2e-...` does, as `pactsafs` does.
const network = `e2e-pactsafs-${run}`;
const tenant = `cp${run}`;
const json = { 'Content-Type': 'application/json' };

describe.runIf(provided('compose'))('the platform in a container (compose/docker-compose.yml)', () => {
  let port: number;
  let pactDir: string;
  let composeEnv: NodeJS.ProcessEnv;
  const compose = async (...args: string[]) =>
    promisify(execFile)('docker-compose', ['-f', path.join(repoRoot, 'compose/docker-compose.yml'), '-p', project, ...args], {
      env: composeEnv,
      timeout: 120_000,
    });
  const api = (method: string, apiPath: string, body?: unknown) =>
    httpRequest(port, { method, path: apiPath, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const serving = () => until('the platform to answer /api/health', async () => ((await api('GET', '/api/health')).status === 200 ? true : undefined));
  const platformNetworks = async () => Object.keys((await docker.getContainer(containerName).inspect()).NetworkSettings.Networks).sort();

  beforeAll(async () => {
    await docker.ping();
    port = await freePort();
    pactDir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-compose-'));
    // The compose file's own defaults (our local images), not whatever PACTSAFS_* this shell has.
    const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('PACTSAFS_'));
    composeEnv = {
      ...Object.fromEntries(inherited),
      PACTSAFS_PORT: String(port),
      PACTSAFS_CONTAINER_NAME: containerName,
      PACTSAFS_NETWORK: network,
    };
    await compose('up', '-d');
    await serving();
  });

  afterAll(async () => {
    await compose('down', '--volumes', '--remove-orphans').catch(() => {});
    // After the platform's container is gone, so that nothing holds the tenant's network.
    await removeTenantObjects(docker, [tenant]);
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  it('runs the platform image with the Docker socket and one port, published on loopback only', async () => {
    const container = await docker.getContainer(containerName).inspect();
    expect(container.Config.Image).toBe('pactsafs/platform:local');
    expect(container.HostConfig.PortBindings).toEqual({ [`${port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(container.Mounts.map((mount) => mount.Destination).sort()).toEqual(['/data', '/var/run/docker.sock']);
    expect(container.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect((await api('GET', '/api/health')).json()).toMatchObject({ status: 'ok' });
  });

  it('creates a docker tenant over REST and reaches its broker over the gateway network, joined by the platform alone', async () => {
    // This request is open while the platform joins pactsafs-gateway: answering at all shows that the
    // published port did not move to that network (which cuts open connections).
    const created = await api('POST', '/api/tenants', { name: tenant });
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: tenant, state: 'running', runtime: 'docker', url: `http://${tenant}.localhost:${port}` });
    // Issue 12: the gateway network only, never the tenant's (where its database is).
    expect(await platformNetworks()).toEqual([network, 'pactsafs-gateway'].sort());
    const broker = await docker.getContainer(`pactsafs-${tenant}-broker`).inspect();
    expect(broker.Config.Image).toBe('pactsafs/broker:local');
  });

  it('publishes with the official CLI through the published port and reads it back with links at the address used', async () => {
    await writePactFile(pactDir, 'Web', 'Orders');
    const base = `http://127.0.0.1:${port}/t/${tenant}`;
    const published = await pactBroker(['publish', pactDir, '--consumer-app-version', '1', '--branch', 'main', '--broker-base-url', base]);
    expect(published.code, published.stdout + published.stderr).toBe(0);
    expect(published.stdout + published.stderr).toContain(`${base}/pacts/provider/Orders/consumer/Web/version/1`);

    const byPath = await httpRequest(port, {
      path: `/t/${tenant}/pacts/provider/Orders/consumer/Web/latest`,
      host: `127.0.0.1:${port}`,
      headers: { Accept: 'application/hal+json' },
    });
    expect(byPath.status, byPath.body).toBe(200);
    expect(byPath.json().interactions).toHaveLength(1);
    const pathLinks = allHrefs(byPath.json());
    expect(pathLinks.length).toBeGreaterThan(0);
    for (const href of pathLinks) expect(href.startsWith(`${base}/`), href).toBe(true);

    const byHost = await httpRequest(port, {
      path: '/pacts/provider/Orders/consumer/Web/latest',
      host: `${tenant}.localhost:${port}`,
      headers: { Accept: 'application/hal+json' },
    });
    expect(byHost.status, byHost.body).toBe(200);
    for (const href of allHrefs(byHost.json())) expect(href.startsWith(`http://${tenant}.localhost:${port}/`), href).toBe(true);
  });

  it('after a crash (SIGKILL, PID 1 again) the platform comes back with its tenant and data', async () => {
    await compose('kill');
    await compose('up', '-d');
    await serving();
    expect((await api('GET', `/api/tenants/${tenant}`)).json()).toMatchObject({ state: 'running' });
    // /api/health answers while the platform is still adopting its tenants (their address says "starting").
    const meanwhile = new Set<string>();
    const pact = await until('the tenant to serve again', async () => {
      const answer = await httpRequest(port, { path: `/t/${tenant}/pacts/provider/Orders/consumer/Web/latest`, host: `127.0.0.1:${port}` });
      if (answer.status !== 503) return answer;
      meanwhile.add(answer.json().detail);
      return undefined;
    });
    expect(pact.status, pact.body).toBe(200);
    // Checked here, not in the poll: an error there only means "not yet".
    for (const detail of meanwhile) expect(detail).toBe(`Tenant "${tenant}" is starting; try again in a moment.`);
  });

  it("backs the tenant up and restores it, reaching its database over the tenant's network, joined for the operation only", async () => {
    await restoreUndoesALaterPublish(port, tenant, pactDir);
    expect(await platformNetworks()).toEqual([network, 'pactsafs-gateway'].sort());
  });

  it('removes the tenant with its containers, network and volume; the platform stays on the gateway network', async () => {
    expect((await api('DELETE', `/api/tenants/${tenant}`)).status).toBe(204);
    const filters = { label: [`pactsafs.tenant=${tenant}`] };
    expect(await docker.listContainers({ all: true, filters })).toEqual([]);
    expect(await docker.listNetworks({ filters })).toEqual([]);
    expect((await docker.listVolumes({ filters })).Volumes ?? []).toEqual([]);
    expect(await platformNetworks()).toEqual([network, 'pactsafs-gateway'].sort());
    expect((await api('GET', '/api/tenants')).json()).toEqual({ tenants: [] });
  });

  it('stops cleanly on SIGTERM, and `down --volumes` removes the stack with its data', async () => {
    await compose('stop');
    // 0: main.ts handled SIGTERM itself; 137 would mean the engine had to kill it.
    expect((await docker.getContainer(containerName).inspect()).State.ExitCode).toBe(0);
    await compose('down', '--volumes');
    await expect(docker.getContainer(containerName).inspect()).rejects.toThrow();
    await expect(docker.getNetwork(network).inspect()).rejects.toThrow();
    await expect(docker.getVolume(`${project}_data`).inspect()).rejects.toThrow();
  });
});
