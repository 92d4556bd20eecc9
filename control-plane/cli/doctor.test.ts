import { describe, expect, it } from 'vitest';
import { ApiClient, type Tenant } from './api-client.js';
import { runDoctor, type DoctorProbes } from './doctor.js';

const tenant = (name: string, overrides: Partial<Tenant> = {}): Tenant =>
  ({
    name,
    state: 'running',
    runtime: 'embedded',
    url: `http://${name}.localhost:8080`,
    urls: { host: `http://${name}.localhost:8080`, path: `http://localhost:8080/t/${name}` },
    reason: null,
    ...overrides,
  }) as Tenant;

/** A client whose fetch answers health and the given tenants, or fails like a refused connection. */
function client(tenants: Tenant[] | 'refused', platform: { runtimes?: string[]; dataDirFreeBytes?: number } = {}): ApiClient {
  const fetchImpl = async (url: string | URL | Request): Promise<Response> => {
    if (tenants === 'refused') throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
    const health = { status: 'ok', version: '1.2.3', tenants: tenants.length, runtimes: ['embedded', 'docker'], dataDir: '/srv/data', dataDirFreeBytes: 40 * 1024 ** 3, ...platform };
    const body = String(url).endsWith('/api/health') ? health : { tenants };
    return Response.json(body);
  };
  return new ApiClient({ url: 'http://localhost:8080', adminToken: undefined, configFile: '' }, fetchImpl as typeof fetch);
}

function probes(overrides: Partial<DoctorProbes>): DoctorProbes {
  return {
    client: client([]),
    hostsFile: '/etc/hosts',
    readHostsFile: async () => '127.0.0.1 localhost\n',
    lookup: async () => ['127.0.0.1'],
    freeBytes: async () => 50 * 1024 ** 3,
    cwd: '/work',
    ...overrides,
  };
}

const byName = (checks: Awaited<ReturnType<typeof runDoctor>>['checks']) => Object.fromEntries(checks.map((check) => [check.name, check]));

describe('runDoctor', () => {
  it('finds nothing wrong on a healthy machine', async () => {
    const hosts = '127.0.0.1 acme.localhost\n::1 acme.localhost\n';
    const report = await runDoctor(probes({ client: client([tenant('acme')]), readHostsFile: async () => hosts }));
    expect(report.unreachable).toBe(false);
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['platform', 'ok'],
      ['tenants', 'ok'],
      ['docker runtime', 'ok'],
      ['names (Node.js)', 'ok'],
      ['names (pact CLI)', 'ok'],
      ['disk space', 'ok'],
      ['disk space', 'ok'],
    ]);
    expect(report.checks.at(-1)?.detail).toContain("/srv/data (the platform's data)");
  });

  it('reports a platform that does not answer, with how to start it', async () => {
    const report = await runDoctor(probes({ client: client('refused') }));
    expect(report.unreachable).toBe(true);
    expect(byName(report.checks).platform).toMatchObject({ status: 'problem', fix: expect.stringContaining('npm start') });
  });

  it('reports names the pact CLI and Node.js cannot resolve, with the hosts command', async () => {
    const report = await runDoctor(
      probes({ client: client([tenant('acme')]), hostsFile: '/tmp/hosts', lookup: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) }),
    );
    const checks = byName(report.checks);
    expect(checks['names (pact CLI)']).toMatchObject({ status: 'problem', fix: 'run `sudo pactsafs hosts --write --hosts-file /tmp/hosts`' });
    expect(checks['names (pact CLI)']?.detail).toContain('no line for acme.localhost');
    expect(checks['names (Node.js)']).toMatchObject({ status: 'problem', detail: expect.stringContaining('acme.localhost (ENOTFOUND)') });
  });

  it('reports failed tenants, low disk space, and a missing engine only when docker tenants need it', async () => {
    const failed = tenant('acme', { state: 'failed', reason: 'Its database file is missing.' });
    const report = await runDoctor(probes({ client: client([failed], { runtimes: ['embedded'] }), freeBytes: async () => 10 * 1024 ** 2 }));
    const checks = byName(report.checks);
    expect(checks.tenants).toMatchObject({ status: 'problem', detail: expect.stringContaining('Its database file is missing.'), fix: expect.stringContaining('pactsafs logs acme') });
    expect(checks['docker runtime']?.status).toBe('warning');
    expect(report.checks.filter((check) => check.name === 'disk space').map((check) => check.status)).toEqual(['problem', 'ok']);
    expect(checks['disk space']?.detail).toContain('free in /srv/data');
    expect(report.checks.find((check) => check.status === 'problem' && check.name === 'disk space')?.detail).toContain('only 10.0 MiB free in /work');
    const docker = await runDoctor(probes({ client: client([tenant('dock', { runtime: 'docker' })], { runtimes: ['embedded'], dataDirFreeBytes: 5 }) }));
    expect(byName(docker.checks)['docker runtime']).toMatchObject({ status: 'problem', detail: expect.stringContaining('docker tenants: dock') });
    expect(docker.checks.at(-1)).toMatchObject({ name: 'disk space', status: 'problem', detail: expect.stringContaining('/srv/data') });
  });
});
