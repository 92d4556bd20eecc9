import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/cli.js';
import { ExitCode } from '../../cli/cli-errors.js';
import { capturedIo } from '../../cli/test-support/captured-io.js';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';

const withDocker = provided('docker');
const TENANTS = { embedded: 'clean-embedded', docker: 'clean-docker' } as const;

/**
 * Team issue 14 (retention) on the real platform: a tenant's history published with the official
 * CLI, `pactsafs clean --dry-run` shows what would go and deletes nothing, the API's clean deletes
 * it, and the official CLI no longer finds the deleted versions. On an embedded tenant (SQLite)
 * and, with an engine, a docker tenant on our broker image (PostgreSQL, reached as backups reach it).
 */
describe('cleaning a tenant through the platform', () => {
  let started: StartedPlatform;
  let pactDir: string;
  const url = (pathname = '') => `http://127.0.0.1:${started.port}${pathname}`;

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-clean-'));
    await writePactFile(pactDir, 'Web', 'Orders');
    started = await startPlatform({ PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' });
  });

  afterAll(async () => {
    await started?.close();
    if (withDocker) await removeTenantObjects(new Dockerode(), [TENANTS.docker]);
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  const runtimes = withDocker ? (['embedded', 'docker'] as const) : (['embedded'] as const);
  it.each(runtimes)('on a %s tenant', async (runtime) => {
    const name = TENANTS[runtime];
    const created = await fetch(url('/api/tenants'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, runtime }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const broker = ['--broker-base-url', url(`/t/${name}`)];
    for (const version of ['1.0.0', '1.0.1', '1.0.2', '1.0.3']) {
      const published = await pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', ...broker]);
      expect(published.code, published.stdout + published.stderr).toBe(0);
    }
    const recorded = await pactBroker(['create-environment', '--name', 'production', ...broker]);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect((await pactBroker(['record-deployment', '--pacticipant', 'Web', '--version', '1.0.1', '--environment', 'production', ...broker])).code).toBe(0);
    const describeVersion = (version: string) => pactBroker(['describe-version', '--pacticipant', 'Web', '--version', version, ...broker]);

    const io = capturedIo();
    const keep = '[{"mainBranch": true, "latest": true}]';
    expect(await runCli(['clean', name, '--dry-run', '--keep', keep, '--url', url()], io), io.errors()).toBe(ExitCode.ok);
    // Kept: 1.0.3 (the main branch's head) and 1.0.1 (deployed, always kept).
    expect(io.output()).toContain(`A clean of tenant ${name} would delete 2 of 4 versions`);
    expect(io.output()).toMatch(/\nWeb +2 +1\.0\.0 \.\. 1\.0\.2 +2 +1\.0\.1 \.\. 1\.0\.3\n/);
    expect((await describeVersion('1.0.0')).code).toBe(0);

    const cleaned = await fetch(url(`/api/tenants/${name}/clean`), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ keep: JSON.parse(keep) }) });
    expect(cleaned.status, await cleaned.clone().text()).toBe(200);
    expect(await cleaned.json()).toMatchObject({ tenant: name, dryRun: false, tables: { versions: { deleted: 2, kept: 2 }, pact_publications: { deleted: 2, kept: 2 } } });
    expect((await describeVersion('1.0.0')).code).not.toBe(0);
    expect((await describeVersion('1.0.2')).code).not.toBe(0);
    expect((await describeVersion('1.0.1')).code).toBe(0);
    const latest = await pactBroker(['describe-version', '--pacticipant', 'Web', '--latest', ...broker]);
    expect(latest.stdout).toContain('1.0.3');
  });
});
