import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../test/support/platform-process.js';
import { Registry } from '../control-plane/tenants/registry.js';
import { platformClient } from './platform-client.js';
import { runDoctor, type Check, type DoctorProbes } from './doctor.js';
import { readHostsFile } from './hosts-file.js';
import { useServedPlatform } from './test-support/served-platform.js';

const byName = (checks: Check[]) => Object.fromEntries(checks.map((check) => [check.name, check]));

describe('runDoctor against the real control plane', () => {
  const platform = useServedPlatform();
  let dir: string;
  let hostsFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-doctor-'));
    hostsFile = path.join(dir, 'hosts');
    await writeFile(hostsFile, '127.0.0.1 localhost\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /**
   * The real platform and hosts file. Two answers are given, because this machine decides them
   * otherwise: how its resolver maps `*.localhost` (nss-myhostname or not), and how full its disk is.
   */
  const probes = (overrides: Partial<DoctorProbes> = {}): DoctorProbes => ({
    client: platformClient({ url: platform.url, adminToken: undefined, configFile: '' }),
    hostsFile,
    readHostsFile,
    lookup: async () => ['127.0.0.1', '::1'],
    freeBytes: async () => 50 * 1024 ** 3,
    cwd: dir,
    ...overrides,
  });

  it('finds nothing wrong with a running tenant whose names resolve; without an engine only embedded tenants can be made', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    await writeFile(hostsFile, '127.0.0.1 localhost\n127.0.0.1 acme.localhost\n::1 acme.localhost\n');
    const report = await runDoctor(probes());
    expect(report.unreachable).toBe(false);
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['platform', 'ok'],
      ['tenants', 'ok'],
      ['docker runtime', 'warning'],
      ['names (Node.js)', 'ok'],
      ['names (pact CLI)', 'ok'],
      ['disk space', 'ok'],
      ['disk space', expect.stringMatching(/^(ok|problem)$/)], // the platform's own statfs of its data dir
    ]);
    expect(byName(report.checks).tenants?.detail).toBe('1 (1 embedded, 0 docker), none failed');
    expect(byName(report.checks)['docker runtime']?.detail).toContain('only embedded tenants (the default) can be created');
    expect(report.checks.at(-1)?.detail).toContain(`free in ${platform.bed.dir} (the platform's data)`);
  });

  it('reports a platform that does not answer, with how to start it', async () => {
    const client = platformClient({ url: `http://127.0.0.1:${await freePort()}`, adminToken: undefined, configFile: '' });
    const report = await runDoctor(probes({ client }));
    expect(report.unreachable).toBe(true);
    expect(byName(report.checks).platform).toMatchObject({ status: 'problem', fix: expect.stringContaining('npm start') });
  });

  // Team issue 16: a default machine resolves no *.localhost name, yet every tenant answers at its path
  // form, so these are warnings with a runnable fix (`sudo pactsafs` fails from a checkout), not failures.
  it('warns of names the pact CLI and Node.js cannot resolve, with a hosts command that runs from a checkout', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    const report = await runDoctor(probes({ lookup: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) }));
    const checks = byName(report.checks);
    const fix = `run \`sudo ${process.execPath} ${path.resolve('bin/pactsafs.js')} hosts --write --hosts-file ${hostsFile}\``;
    expect(checks['names (pact CLI)']).toMatchObject({ status: 'warning', fix });
    expect(checks['names (pact CLI)']?.detail).toContain('no line for acme.localhost');
    expect(checks['names (pact CLI)']?.detail).toContain('only the path form (`…/t/<tenant>`');
    expect(checks['names (Node.js)']).toMatchObject({ status: 'warning', detail: expect.stringContaining('acme.localhost (ENOTFOUND); their path forms work') });
    expect(checks['names (Node.js)']?.fix).toContain(fix.slice('run '.length));
    expect(report.checks.filter((check) => check.status === 'problem')).toEqual([]);
  });

  it('reports tenants that failed after a restart (a lost database, a docker tenant without an engine) and low disk space', async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    await platform.bed.runtime.close();
    await rm(platform.bed.runtime.databasePath('acme'));
    const at = new Date().toISOString();
    await (await Registry.open(platform.bed.dir)).save({ name: 'dock', state: 'running', runtime: 'docker', createdAt: at, updatedAt: at, lastBackupAt: null, reason: null });
    await platform.restart();

    const report = await runDoctor(probes({ freeBytes: async () => 10 * 1024 ** 2 }));
    const checks = byName(report.checks);
    expect(checks.tenants).toMatchObject({ status: 'problem', fix: expect.stringContaining('pactsafs logs acme') });
    expect(checks.tenants?.detail).toMatch(/^failed: acme \(Its database file .*broker\.sqlite is missing.*\); dock \(Tenant "dock" uses the docker runtime, which is not available\.\)$/);
    expect(checks['docker runtime']).toMatchObject({ status: 'problem', detail: expect.stringContaining('docker tenants: dock') });
    expect(report.checks.find((check) => check.name === 'disk space')).toMatchObject({ status: 'problem', detail: `only 10.0 MiB free in ${dir}: backups and tenant databases need room` });
  });
});
