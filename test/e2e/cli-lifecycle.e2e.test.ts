/**
 * A contract-testing lifecycle of the official pact CLI through the gateway, on both runtimes
 * (issue "Broker core"): pacticipants, publishing, versions, tags, branches, environments,
 * deployments, releases, can-i-deploy yes and no with the reasons, can-i-merge. Each step's
 * command and output are written to test/artifacts/cli-lifecycle-<runtime>.txt.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { httpRequest } from '../support/http-client.js';
import { pactBroker, writePactFile, type CliResult } from '../support/pact-cli.js';
import { repoRoot } from '../support/platform-process.js';
import { startTenantPlatform, type TenantPlatform } from '../support/tenant-platform.js';
import { provided } from '../support/test-parts.js';

const runtimes = ['embedded', ...(provided('docker') ? ['docker'] : [])] as const;

describe.each(runtimes)('the official CLI lifecycle through the gateway (%s runtime)', (runtime) => {
  const tenant = `life-${runtime}-${process.pid}`;
  const transcript = path.join(repoRoot, 'test/artifacts', `cli-lifecycle-${runtime}.txt`);
  let platform: TenantPlatform;
  let port: number;
  let base: string;
  let environmentUuid: string;

  /** Runs `pact-broker <args> --broker-base-url <tenant>` and records it in the transcript. */
  async function cli(...args: string[]): Promise<CliResult> {
    const result = await pactBroker([...args, '--broker-base-url', base]);
    await appendFile(transcript, `$ pact-broker ${args.join(' ')}\n${result.stdout}${result.stderr}[exit ${result.code}]\n\n`);
    return result;
  }
  const json = (result: CliResult) => JSON.parse(result.stdout);

  /** What the verifier does after verifying: POST a result to the pact's pb:publish-verification-results. */
  async function publishVerification(consumerVersion: string, providerVersion: string, success: boolean): Promise<void> {
    const host = `${tenant}.localhost:${port}`;
    const pact = await httpRequest(port, { host, path: `/pacts/provider/Orders/consumer/Web/version/${consumerVersion}` });
    const href = new URL(pact.json()._links['pb:publish-verification-results'].href);
    const answer = await httpRequest(port, {
      method: 'POST',
      host,
      path: href.pathname,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ success, providerApplicationVersion: providerVersion }),
    });
    expect(answer.status, answer.body).toBe(201);
  }

  beforeAll(async () => {
    await mkdir(path.dirname(transcript), { recursive: true });
    await writeFile(transcript, `# ${runtime} runtime\n\n`);
    platform = await startTenantPlatform(tenant, {
      runtime,
      env: { PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' },
    });
    ({ port, base } = platform);
  });

  afterAll(async () => {
    await platform?.close();
    if (runtime === 'docker') await removeTenantObjects(new Dockerode(), [tenant]);
  });

  it('runs the lifecycle, step by step', async () => {
    expect((await cli('create-or-update-pacticipant', '--name', 'Web', '--main-branch', 'main', '--repository-url', 'https://git.example.test/web')).code).toBe(0);
    expect((await cli('create-or-update-pacticipant', '--name', 'Orders', '--main-branch', 'main')).code).toBe(0);
    const pacticipants = json(await cli('list-pacticipants', '-o', 'json'));
    expect(JSON.stringify(pacticipants)).toContain('"Orders"');
    expect((await cli('describe-pacticipant', '--name', 'Web')).stdout).toMatch(/Main Branch: main/);

    const dir = path.join(platform.dataDir, 'pacts-1');
    await writePactFile(dir, 'Web', 'Orders');
    const published = await cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--tag', 'dev');
    expect(published.code).toBe(0);
    expect(published.stdout + published.stderr).toContain(`View the published pact at ${base}/pacts/provider/Orders/consumer/Web/version/1.0.0`);
    expect((await cli('list-latest-pact-versions')).stdout).toMatch(/"Web"\s*┆\s*"1\.0\.0"\s*┆\s*"Orders"/);

    expect((await cli('create-or-update-version', '--pacticipant', 'Orders', '--version', '2.0.0', '--branch', 'main')).code).toBe(0);
    expect((await cli('create-version-tag', '--pacticipant', 'Orders', '--version', '2.0.0', '--tag', 'dev')).code).toBe(0);
    expect((await cli('describe-version', '--pacticipant', 'Web', '--latest')).stdout).toContain('1.0.0');

    const environment = await cli('create-environment', '--name', 'production', '--production');
    expect(environment.code).toBe(0);
    environmentUuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(environment.stdout)?.[0] ?? '';
    expect(environmentUuid).not.toBe('');
    expect((await cli('list-environments')).stdout).toContain('production');
    expect((await cli('describe-environment', '--uuid', environmentUuid)).stdout).toContain('production');

    const beforeDeploy = await cli('can-i-deploy', '--pacticipant', 'Web', '--version', '1.0.0', '--to-environment', 'production');
    expect(beforeDeploy.code).toBe(1);
    expect(beforeDeploy.stdout + beforeDeploy.stderr).toMatch(/No version of Orders is currently recorded as deployed or released in environment production|There is no verified pact/);

    await publishVerification('1.0.0', '2.0.0', true);
    expect((await cli('record-deployment', '--pacticipant', 'Orders', '--version', '2.0.0', '--environment', 'production')).code).toBe(0);
    // With -o json the CLI prints the answer and exits 0 either way; the table form exits 1 for "no".
    const yes = await cli('can-i-deploy', '--pacticipant', 'Web', '--version', '1.0.0', '--to-environment', 'production', '-o', 'json');
    expect(json(yes).summary).toMatchObject({ deployable: true, success: 1, failed: 0, unknown: 0 });
    expect((await cli('record-deployment', '--pacticipant', 'Web', '--version', '1.0.0', '--environment', 'production')).code).toBe(0);

    const changed = path.join(platform.dataDir, 'pacts-2');
    await writePactFile(changed, 'Web', 'Orders', 'a request for more things');
    expect((await cli('publish', changed, '--consumer-app-version', '1.1.0', '--branch', 'feat/more')).code).toBe(0);
    const unverified = await cli('can-i-deploy', '--pacticipant', 'Web', '--version', '1.1.0', '--to-environment', 'production', '-o', 'json');
    expect(json(unverified).summary.deployable).toBeNull();
    expect(JSON.stringify(json(unverified).notices)).toContain('There is no verified pact between version 1.1.0 of Web and');

    await publishVerification('1.1.0', '2.0.0', false);
    const failed = await cli('can-i-deploy', '--pacticipant', 'Web', '--version', '1.1.0', '--to-environment', 'production', '-o', 'json');
    expect(json(failed).summary).toMatchObject({ deployable: false, failed: 1 });
    expect(JSON.stringify(json(failed).notices)).toContain('The verification for the pact between version 1.1.0 of Web and');
    const no = await cli('can-i-deploy', '--pacticipant', 'Web', '--version', '1.1.0', '--to-environment', 'production');
    expect(no.code).toBe(1);
    expect(no.stdout + no.stderr).toContain('Computer says no');
    expect((await cli('can-i-merge', '--pacticipant', 'Web', '--version', '1.1.0')).code).toBe(1);
    expect((await cli('can-i-merge', '--pacticipant', 'Web', '--version', '1.0.0')).code).toBe(0);
    expect((await cli('can-i-deploy', '--pacticipant', 'Web', '--version', '1.1.0', '--to-environment', 'production', '--ignore', 'Orders')).code).toBe(0);

    expect((await cli('record-release', '--pacticipant', 'Orders', '--version', '2.0.0', '--environment', 'production')).code).toBe(0);
    expect((await cli('record-support-ended', '--pacticipant', 'Orders', '--version', '2.0.0', '--environment', 'production')).code).toBe(0);
    expect((await cli('record-undeployment', '--pacticipant', 'Web', '--environment', 'production')).code).toBe(0);
    expect((await cli('delete-version-tag', '--pacticipant', 'Orders', '--version', '2.0.0', '--tag', 'dev')).code).toBe(0);
    expect((await cli('delete-branch', '--pacticipant', 'Web', '--branch', 'feat/more')).code).toBe(0);
    expect((await cli('update-environment', '--uuid', environmentUuid, '--name', 'production', '--display-name', 'Production')).code).toBe(0);
    expect((await cli('describe-environment', '--uuid', environmentUuid)).stdout).toContain('Production');
    expect((await cli('delete-environment', '--uuid', environmentUuid)).code).toBe(0);
    expect((await cli('list-environments')).stdout).not.toContain('production');
  });
});
