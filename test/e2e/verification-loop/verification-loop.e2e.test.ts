/**
 * The contract-testing loop end to end (issue "The verification loop"): a pact-js consumer test
 * writes the pact, the official CLI publishes it through the gateway, the official verifier
 * verifies a real provider with selectors, pending and WIP on, and publishes results; can-i-deploy
 * says yes; a breaking provider change makes the verifier fail and can-i-deploy say no, with the reason.
 * The commands and their output go to test/artifacts/verification-loop.txt.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../../support/http-client.js';
import { pactBroker, pactVerifier, type CliResult } from '../../support/pact-cli.js';
import { repoRoot } from '../../support/platform-process.js';
import { startTenantPlatform, type TenantPlatform } from '../../support/tenant-platform.js';
import { until } from '../../support/until.js';
import { runConsumerTest } from './orders-consumer.js';
import { startCiListener, startOrdersProvider } from './orders-provider.js';

describe('the verification loop with pact-js, the official CLI and the official verifier', () => {
  const tenant = `loop-${process.pid}`;
  const transcript = path.join(repoRoot, 'test/artifacts/verification-loop.txt');
  let platform: TenantPlatform;
  let port: number;
  let base: string;
  let ci: Awaited<ReturnType<typeof startCiListener>>;

  async function record(command: string, run: Promise<CliResult>): Promise<CliResult> {
    const result = await run;
    await appendFile(transcript, `$ ${command}\n${result.stdout}${result.stderr}[exit ${result.code}]\n\n`);
    return result;
  }
  const cli = (...args: string[]) => record(`pact-broker ${args.join(' ')}`, pactBroker([...args, '--broker-base-url', base]));

  /** The official verifier fetching LoopOrders' pacts from our broker with selectors, pending and WIP on. */
  async function verify(providerVersion: string, broken: boolean): Promise<CliResult> {
    const provider = await startOrdersProvider({ broken });
    try {
      const args = [
        '--broker-url', base, '--provider-name', 'LoopOrders',
        '--hostname', '127.0.0.1', '--port', String(provider.port),
        '--state-change-url', `http://127.0.0.1:${provider.port}/_pact/state`,
        '--consumer-version-selectors', JSON.stringify({ mainBranch: true }),
        '--consumer-version-selectors', JSON.stringify({ deployedOrReleased: true }),
        '--enable-pending', '--include-wip-pacts-since', '2020-01-01',
        '--provider-branch', 'main', '--publish', '--provider-version', providerVersion,
      ];
      return await record(`pact-verifier ${args.join(' ')}`, pactVerifier(args));
    } finally {
      await provider.close();
    }
  }

  beforeAll(async () => {
    await mkdir(path.dirname(transcript), { recursive: true });
    await writeFile(transcript, '');
    platform = await startTenantPlatform(tenant, { settings: { webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] } });
    ci = await startCiListener();
    ({ port, base } = platform);
  });

  afterAll(async () => {
    await platform?.close();
    await ci?.close();
  });

  it('consumer test → publish → verify → can-i-deploy yes; broken provider → verifier fails → can-i-deploy no', async () => {
    const pactDir = path.join(platform.dataDir, 'pacts');
    await runConsumerTest(pactDir);
    const published = await cli('publish', pactDir, '--consumer-app-version', '1.0.0', '--branch', 'main');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain(`View the published pact at ${base}/pacts/provider/LoopOrders/consumer/LoopWeb/version/1.0.0`);
    expect((await cli('create-or-update-pacticipant', '--name', 'LoopOrders', '--main-branch', 'main')).code).toBe(0);
    // A commit-status webhook, as teams wire the broker to CI: the verifier's results must reach it.
    const webhook = await cli(
      'create-webhook', `http://127.0.0.1:${ci.port}/status`, '--request', 'POST', '--header', 'Content-Type: application/json',
      '--data', '{"state":"${pactbroker.githubVerificationStatus}","provider":"${pactbroker.providerVersionNumber}","branch":"${pactbroker.providerVersionBranch}"}',
      '--provider', 'LoopOrders', '--provider-verification-published', '--description', 'commit status',
    );
    expect(webhook.code, webhook.stdout + webhook.stderr).toBe(0);

    const good = await verify('2.0.0', false);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Verifying a pact between LoopWeb and LoopOrders');
    expect(good.stdout).toMatch(/a request for order 1[\s\S]*returns a response which[\s\S]*has status code 200 \(OK\)/);
    expect(good.stdout).toContain('matching the following criterion:\n    * latest version from the main branch \'main\' (1.0.0)');
    // The first verification from branch main: the pact is pending for it, so a failure would not fail the build.
    expect(good.stdout).toContain(
      "This pact is in pending state for this version of LoopOrders because a successful verification result for a version of LoopOrders from branch 'main' has not yet been published.",
    );

    await until('the commit status of 2.0.0', async () => (ci.bodies().some((b) => b.provider === '2.0.0') ? true : undefined));
    expect(ci.bodies()).toContainEqual({ state: 'success', provider: '2.0.0', branch: 'main' });

    const yes = await cli('can-i-deploy', '--pacticipant', 'LoopWeb', '--version', '1.0.0', '--pacticipant', 'LoopOrders', '--version', '2.0.0');
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Computer says yes');
    const version = await httpRequest(port, { host: `${tenant}.localhost:${port}`, path: '/pacticipants/LoopOrders/versions/2.0.0' });
    // The verifier recorded the provider version on its branch.
    expect(version.json()._embedded.branchVersions.map((branch: { name: string }) => branch.name)).toEqual(['main']);

    const bad = await verify('2.1.0', true);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toContain("This pact has previously been successfully verified by a version of LoopOrders from branch 'main'. If this verification fails, it will fail the build.");
    expect(bad.stdout).toContain("$.status -> Expected 2 (Integer) to be the same type as 'paid' (String)");
    await until('the commit status of 2.1.0', async () => (ci.bodies().some((b) => b.provider === '2.1.0') ? true : undefined));
    expect(ci.bodies()).toContainEqual({ state: 'failure', provider: '2.1.0', branch: 'main' });
    const no = await cli('can-i-deploy', '--pacticipant', 'LoopWeb', '--version', '1.0.0', '--pacticipant', 'LoopOrders', '--version', '2.1.0');
    expect(no.code).toBe(1);
    expect(no.stdout).toContain('The verification for the pact between version 1.0.0 of LoopWeb and version 2.1.0 of LoopOrders failed');
  });
});
