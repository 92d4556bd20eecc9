/**
 * Gateway replicas and process roles (issue 12) on a real swarm engine: a gateway-only process on
 * the host that reads broker services through the engine relay (events, no data dir), then
 * compose/stack.yml deployed with `docker stack deploy` — control plane and gateway in containers —
 * routing a hand-made broker service and a swarm tenant through the host-mode port on the node's
 * address, and `docker stack rm` leaving nothing. The engine is a two-node lab of the suite's own,
 * not the shared sw1: the stack's control plane adopts every tenant service of its engine, and
 * other suites' tenants on sw1 must not gain a second control plane.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineRelay } from '../../control-plane/routes/engine-relay.js';
import { createLogger } from '../../shared/logger.js';
import { httpRequest } from '../support/http-client.js';
import { freePort, PlatformProcess, repoRoot, temporaryDataDir } from '../support/platform-process.js';
import { startSwarmLab, type SwarmLab } from '../support/swarm-lab.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const run = randomBytes(3).toString('hex');
const GATEWAY_NETWORK = 'pactsafs-gateway';
// The image under test: pactsafs/platform:local as `npm run images` builds it, or another tag of it.
const platformImage = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';

describe.runIf(provided('swarm'))('gateway replicas and roles on a swarm engine (issue 12)', () => {
  let lab: SwarmLab;
  const engine = () => lab.manager.host;
  const swarm = (...args: string[]) => execFileSync('docker', ['-H', engine(), ...args], { encoding: 'utf8', stdio: 'pipe', timeout: 120_000 }).trim();

  /** A broker service labelled as the swarm runtime labels one (the contract), on SQLite: no database service needed. */
  const brokerService = (tenant: string, options: { state?: string; replicas?: number; name?: string; platform?: string; constraint?: string } = {}) => {
    const name = options.name ?? `pactsafs-${tenant}-broker`;
    swarm(
      'service', 'create', '--detach', '--no-resolve-image', '--name', name, '--endpoint-mode', 'dnsrr', '--network', GATEWAY_NETWORK,
      '--replicas', String(options.replicas ?? 1), ...(options.constraint ? ['--constraint', options.constraint] : []),
      '--label', `pactsafs.tenant=${tenant}`, '--label', 'pactsafs.role=broker', '--label', `pactsafs.platform=${options.platform ?? 'pactsafs'}`, '--label', `pactsafs.state=${options.state ?? 'running'}`,
      '--env', 'PACT_BROKER_DATABASE_URL=sqlite:///tmp/broker.sqlite', 'pactsafs/broker:local',
    );
    return name;
  };

  beforeAll(async () => {
    // A manager and a worker: a worker's engine answers no service calls, its gateway reads the relay.
    lab = await startSwarmLab({ nodes: 2 });
    swarm('network', 'create', '--driver', 'overlay', '--attachable', GATEWAY_NETWORK);
  }, 240_000);
  // The lab's teardown removes every service, container, volume and network in it.
  afterAll(() => lab?.close(), 120_000);

  describe('a gateway-only process on the host (serve --role gateway), reading the engine through the relay', () => {
    let gateway: PlatformProcess;
    let port: number;
    let data: Awaited<ReturnType<typeof temporaryDataDir>>;
    let relay: ReturnType<typeof createEngineRelay>;
    let relayPort: number;
    const get = (host: string, headers: Record<string, string> = {}) => httpRequest(port, { path: '/diagnostic/status/heartbeat', host: `${host}:${port}`, headers });

    beforeAll(async () => {
      port = await freePort();
      data = await temporaryDataDir();
      const dataDir = path.join(data.dir, 'never-made');
      // The relay a control plane serves gateways (PACTSAFS_ENGINE_RELAY_PORT), here in the test's process.
      relay = createEngineRelay(new Dockerode({ socketPath: lab.manager.socketPath }), 'pactsafs', createLogger({ write: () => {} }));
      relayPort = await relay.listen(0, '127.0.0.1');
      const env = { PACTSAFS_SWARM_HOST: `tcp://127.0.0.1:${relayPort}` };
      gateway = new PlatformProcess(port, dataDir, env, ['bin/pactsafs.js', 'serve', '--role', 'gateway']);
      await gateway.start();
    }, 60_000);
    afterAll(async () => {
      await gateway?.stop();
      await relay?.close();
      await data?.remove();
    });

    it('the relay shows broker services without their environment, and refuses every other call', async () => {
      const tenant = `rl${run}`;
      const name = brokerService(tenant, { state: 'stopped', replicas: 0 });
      const listed = await httpRequest(relayPort, { path: '/v1.41/services?filters=%7B%7D' });
      const service = (listed.json() as Array<{ Spec: Record<string, unknown> }>).find((entry) => entry.Spec.Name === name);
      expect(service?.Spec).toEqual({ Name: name, Labels: expect.objectContaining({ 'pactsafs.tenant': tenant }), Mode: { Replicated: { Replicas: 0 } } });
      expect(listed.body).not.toContain('PACT_BROKER_DATABASE_URL');
      // Another platform's tenant on the same swarm is not this platform's to route.
      const other = brokerService(`ro${run}`, { state: 'stopped', replicas: 0, platform: 'team-b' });
      const again = await httpRequest(relayPort, { path: '/services' });
      expect(again.json().map((entry: { Spec: { Name: string } }) => entry.Spec.Name)).not.toContain(other);
      for (const [method, call] of [['POST', '/services/create'], ['GET', '/containers/json'], ['DELETE', `/services/${name}`], ['GET', '/secrets']]) {
        const refused = await httpRequest(relayPort, { method, path: call! });
        expect(refused.status, `${method} ${call}`).toBe(403);
      }
      expect(swarm('service', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}}')).toBe(name);
    });

    it('has no data dir, registry or lock, and says the control plane is elsewhere (421)', async () => {
      expect(existsSync(path.join(data.dir, 'never-made'))).toBe(false);
      const answer = await httpRequest(port, { path: '/api/tenants' });
      expect(answer.status).toBe(421);
      expect(answer.json().detail).toContain('This process is a gateway only (role gateway)');
    });

    it('learns a new broker service from the engine\'s events, and its stop and removal', async () => {
      const tenant = `gw${run}`;
      expect((await get(`${tenant}.localhost`)).status).toBe(404);
      let mark = Date.now();
      const name = brokerService(tenant, { state: 'stopped', replicas: 0 });
      // Within seconds, not the 30 s safety-net relist: the service event triggered it.
      const stopped = await until('the stopped tenant answered 503', async () => {
        const answer = await get(`${tenant}.localhost`);
        return answer.status === 503 ? answer : undefined;
      }, 10_000);
      expect(stopped.headers['retry-after']).toBe('30');
      expect(stopped.json().detail).toBe(`Tenant "${tenant}" is stopped. Start it with POST /api/tenants/${tenant}/start.`);
      const seen = [`service create → 503: ${Date.now() - mark} ms`];
      mark = Date.now();
      swarm('service', 'update', '--detach', '--label-add', 'pactsafs.state=running', '--replicas', '1', name);
      // Routed to pactsafs-<t>-broker:9292, a name only Swarm's DNS on the overlay resolves, so from the host: 502.
      const routed = await until('the running tenant was routed', async () => {
        const answer = await get(`${tenant}.localhost`);
        return answer.status === 502 ? answer : undefined;
      }, 10_000);
      expect(routed.json().detail).toContain(`The broker of tenant "${tenant}" is not answering (ENOTFOUND)`);
      seen.push(`service update (state running, 1 replica) → routed: ${Date.now() - mark} ms`);
      mark = Date.now();
      swarm('service', 'rm', name);
      await until('the removed tenant answered 404', async () => ((await get(`${tenant}.localhost`)).status === 404 ? true : undefined), 10_000);
      seen.push(`service rm → 404: ${Date.now() - mark} ms`);
      console.log(`a gateway reading the engine through the relay saw (each after the docker CLI returned): ${seen.join('; ')}`);
    }, 60_000);

    it('refuses a bearer token it cannot check, never passing it on', async () => {
      const tenant = `gt${run}`;
      brokerService(tenant);
      await until('the tenant is routed', async () => ((await get(`${tenant}.localhost`)).status === 502 ? true : undefined), 10_000);
      const answer = await get(`${tenant}.localhost`, { Authorization: 'Bearer pbt_secret' });
      expect(answer.status).toBe(401);
      expect(answer.json().detail).toContain('This gateway replica cannot check CI tokens');
    }, 30_000);
  });

  describe('compose/stack.yml (docker stack deploy)', () => {
    const stack = `pactsafs-roles-${run}`;
    let port: number;
    const stackEnv = () => ({
      ...process.env,
      PACTSAFS_PLATFORM_IMAGE: platformImage,
      // Inside a lab node, /var/run/docker.sock is the MAIN engine's socket: name the node's own
      // (the manager's for the control plane; each node's, by its host name, for jobs on nodes).
      PACTSAFS_DOCKER_SOCKET: lab.manager.socketPath,
      PACTSAFS_SWARM_NODE_SOCKET: '/run/{{.Node.Hostname}}/docker.sock',
      PACTSAFS_PORT: String(port),
    });
    const request = (host: string, options: { method?: string; path: string; body?: string; address?: string } = { path: '/' }) =>
      httpRequest(port, { address: lab.manager.address, ...options, host: `${host}:${port}`, headers: { 'Content-Type': 'application/json' } });
    const leftovers = () =>
      [
        swarm('service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}'),
        swarm('ps', '-a', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Names}}'),
        swarm('volume', 'ls', '--filter', `name=${stack}`, '--format', '{{.Name}}'),
        swarm('network', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}'),
      ].filter(Boolean);

    beforeAll(async () => {
      port = 18000 + Math.floor(Math.random() * 1000);
      for (const node of lab.nodes) ensureImageOnEngine(platformImage, node.host);
      const deployed = Date.now();
      execFileSync('docker', ['-H', engine(), 'stack', 'deploy', '--resolve-image', 'never', '-c', path.join(repoRoot, 'compose/stack.yml'), stack], {
        env: stackEnv(),
        stdio: 'ignore',
        timeout: 60_000,
      });
      // The control plane answers through the gateway once both run: the gateway proxies the control host.
      for (const { address } of lab.nodes) {
        await until(`the control plane answered through the gateway on ${address}`, async () => {
          const answer = await request('localhost', { path: '/api/health', address }).catch(() => undefined);
          return answer?.status === 200 ? answer : undefined;
        }, 90_000);
      }
      console.log(`stack deploy → API answering through every node's gateway: ${Date.now() - deployed} ms`);
    }, 180_000);

    it('runs the control plane (role control) on the manager and a gateway (role gateway) on every node, without the Docker socket', () => {
      const listed = swarm('service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}} {{.Mode}} {{.Replicas}}');
      expect(listed.split('\n').sort()).toEqual([`${stack}_control replicated 1/1`, `${stack}_gateway global 2/2`]);
      const gatewayLog = swarm('service', 'logs', '--raw', `${stack}_gateway`);
      expect(gatewayLog).toContain('gateway (role gateway) is ready');
      expect(swarm('service', 'inspect', `${stack}_gateway`, '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}')).toBe('null');
    });

    it('reaches a hand-made broker service on the worker through the gateway of every node: the manager\'s across nodes', async () => {
      const tenant = `hm${run}`;
      const created = Date.now();
      const name = brokerService(tenant, { constraint: 'node.role==worker' });
      for (const { address } of lab.nodes) {
        const answer = await until(`the broker answered through the gateway on ${address}`, async () => {
          const heartbeat = await request(`${tenant}.localhost`, { path: '/diagnostic/status/heartbeat', address });
          return heartbeat.status === 200 ? heartbeat : undefined;
        }, 60_000);
        // Links point back through the gateway (the forwarded headers reached the broker).
        expect(answer.json()._links.self.href).toBe(`http://${tenant}.localhost:${port}/diagnostic/status/heartbeat`);
      }
      console.log(`broker service created → 200 through both gateways: ${Date.now() - created} ms`);
      expect(swarm('service', 'ps', name, '--format', '{{.Node}}')).toBe(lab.nodes[1]!.name);
    }, 90_000);

    it('creates, stops, starts and removes a swarm tenant through the gateways (API proxied to the control plane)', async () => {
      const tenant = `st${run}`;
      const created = await request('localhost', { method: 'POST', path: '/api/tenants', body: JSON.stringify({ name: tenant, runtime: 'swarm' }) });
      expect(created.status, created.body).toBe(201);
      expect((await request(`${tenant}.localhost`, { path: '/diagnostic/status/heartbeat' })).status).toBe(200);
      expect((await request('localhost', { method: 'POST', path: `/api/tenants/${tenant}/stop` })).status).toBe(200);
      const stopped = await until('the gateway saw the stop', async () => {
        const answer = await request(`${tenant}.localhost`, { path: '/diagnostic/status/heartbeat' });
        return answer.status === 503 ? answer : undefined;
      }, 10_000);
      expect(stopped.headers['retry-after']).toBe('30');
      expect((await request('localhost', { method: 'POST', path: `/api/tenants/${tenant}/start` })).status).toBe(200);
      await until('the tenant answered again', async () => ((await request(`${tenant}.localhost`, { path: '/diagnostic/status/heartbeat' })).status === 200 ? true : undefined), 30_000);
      expect((await request('localhost', { method: 'DELETE', path: `/api/tenants/${tenant}` })).status).toBe(204);
      await until('the gateway forgot the tenant', async () => ((await request(`${tenant}.localhost`, { path: '/' })).status === 404 ? true : undefined), 10_000);
      // Its database volume is gone from whichever node held it (a job on that node, with that node's socket).
      const volumes = () => lab.nodes.map((node) => lab.docker(node, ['volume', 'ls', '-q', '--filter', `name=pactsafs-${tenant}-pgdata`])).join('');
      await until('no database volume of the tenant on any node', async () => (volumes() === '' ? true : undefined), 30_000);
    }, 180_000);

    it('keeps a swarm tenant awake while requests come through the gateways only, and wakes it by one when it sleeps (team issue 13)', async () => {
      const tenant = `sl${run}`;
      const worker = lab.nodes[1]!.address;
      const heartbeat = () => request(`${tenant}.localhost`, { path: '/diagnostic/status/heartbeat', address: worker });
      const state = async () => (await request('localhost', { path: `/api/tenants/${tenant}` })).json().state as string;
      const created = await request('localhost', { method: 'POST', path: '/api/tenants', body: JSON.stringify({ name: tenant, runtime: 'swarm', idleAfter: '4s' }) });
      expect(created.status, created.body).toBe(201);
      // Three times its idle time of requests through the worker's gateway, which the control plane's own gateway never sees.
      const statuses = new Set<number>();
      for (const end = Date.now() + 12_000; Date.now() < end; ) {
        statuses.add((await heartbeat()).status);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect([...statuses]).toEqual([200]);
      expect(await state()).toBe('running');
      const quiet = Date.now();
      await until('the idle tenant sleeps', async () => ((await state()) === 'sleeping' ? true : undefined), 60_000);
      console.log(`last request → sleeping: ${Date.now() - quiet} ms (idle time 4 s)`);
      const woken = Date.now();
      const answer = await heartbeat();
      expect(answer.status, answer.body).toBe(200);
      console.log(`a request through the worker's gateway to the sleeping tenant answered 200 in ${Date.now() - woken} ms (the wake included)`);
      expect(await state()).toBe('running');
      expect((await request('localhost', { method: 'DELETE', path: `/api/tenants/${tenant}` })).status).toBe(204);
    }, 240_000);

    it('docker stack rm leaves nothing of the stack but its data volume, which the operator removes', async () => {
      swarm('stack', 'rm', stack);
      await until('no service, container or network of the stack', async () => (leftovers().join() === `${stack}_data` ? true : undefined), 60_000);
      swarm('volume', 'rm', `${stack}_data`);
      expect(leftovers()).toEqual([]);
    }, 90_000);
  });
});

/** Copies `image` from the main engine into the swarm engine unless it has the same image already (no registry here). */
function ensureImageOnEngine(image: string, engine: string): void {
  const idOn = (host: string[]) => execFileSync('sh', ['-c', `docker ${host.join(' ')} image inspect --format '{{.Id}}' ${image} 2>/dev/null || true`], { encoding: 'utf8' }).trim();
  if (idOn([]) !== '' && idOn([]) === idOn(['-H', engine])) return;
  execFileSync('sh', ['-c', `docker save ${image} | docker -H ${engine} load -q`], { stdio: 'ignore', timeout: 120_000 });
}
