/**
 * Bi-directional contract testing end to end (team issue 15), through the gateway on both runtimes:
 * a pact-js consumer test writes the pact, `pact-broker publish` publishes it, the provider publishes
 * OpenAPI documents with the official `pactflow publish-provider-contract`, and `can-i-deploy` says
 * yes for the matching one, no (naming the mismatch) for one without the consumer's endpoint and for
 * one where a field the consumer reads changes type. Transcript: test/artifacts/bi-directional-<runtime>.txt.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { pactBroker, pactflow, type CliResult } from '../support/pact-cli.js';
import { repoRoot } from '../support/platform-process.js';
import { startTenantPlatform, type TenantPlatform } from '../support/tenant-platform.js';
import { provided } from '../support/test-parts.js';
import { ordersDocument } from '../../broker/bi-directional/test-fixtures/orders-fixtures.js';
import { runConsumerTest } from './verification-loop/orders-consumer.js';

const runtimes = ['embedded', ...(provided('docker') ? ['docker'] : [])] as const;

/** LoopOrders' OpenAPI document: `GET {path}` answers an order whose `status` has the given type. */
const ordersOpenApi = ({ path: orderPath = '/orders/{id}', statusType = 'string' } = {}) =>
  ordersDocument({ path: orderPath, title: 'LoopOrders', fields: { id: 'integer', status: statusType } });

describe.each(runtimes)('bi-directional contract testing through the gateway (%s runtime)', (runtime) => {
  const tenant = `bidi-${runtime}-${process.pid}`;
  const transcript = path.join(repoRoot, 'test/artifacts', `bi-directional-${runtime}.txt`);
  let platform: TenantPlatform;
  let base: string;

  async function record(command: string, run: Promise<CliResult>): Promise<CliResult> {
    const result = await run;
    await appendFile(transcript, `$ ${command}\n${result.stdout}${result.stderr}[exit ${result.code}]\n\n`);
    return result;
  }

  /** Publishes `document` as LoopOrders `version` with a successful self-verification. */
  async function publishContract(version: string, document: string): Promise<CliResult> {
    const file = path.join(platform.dataDir, `openapi-${version}.yaml`);
    const report = path.join(platform.dataDir, 'report.txt');
    await writeFile(file, document);
    await writeFile(report, 'schemathesis: all checks passed\n');
    const args = ['publish-provider-contract', file, '--provider', 'LoopOrders', '--provider-app-version', version, '--branch', 'main', '--content-type', 'application/yaml'];
    args.push('--verification-success', '--verification-results', report, '--verification-results-content-type', 'text/plain', '--verifier', 'schemathesis');
    return record(`pactflow ${args.join(' ')}`, pactflow([...args, '--broker-base-url', base]));
  }

  const canIDeploy = (providerVersion: string) => {
    // Comparisons may still be queued when the publish answers (team issue 15): the CLI's own retry waits for them.
    const args = ['can-i-deploy', '--pacticipant', 'LoopWeb', '--version', '1.0.0', '--pacticipant', 'LoopOrders', '--version', providerVersion, '--retry-while-unknown', '30', '--retry-interval', '2'];
    return record(`pact-broker ${args.join(' ')}`, pactBroker([...args, '--broker-base-url', base]));
  };

  beforeAll(async () => {
    await mkdir(path.dirname(transcript), { recursive: true });
    await writeFile(transcript, `# ${runtime} runtime\n\n`);
    platform = await startTenantPlatform(tenant, {
      runtime,
      env: { PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' },
    });
    ({ base } = platform);
  });

  afterAll(async () => {
    await platform?.close();
    if (runtime === 'docker') await removeTenantObjects(new Dockerode(), [tenant]);
  });

  it('a pact-js pact meets OpenAPI documents: yes when it matches, no with the mismatch when not', async () => {
    const pacts = path.join(platform.dataDir, 'pacts');
    await runConsumerTest(pacts);
    const args = ['publish', pacts, '--consumer-app-version', '1.0.0', '--branch', 'main'];
    expect((await record(`pact-broker ${args.join(' ')}`, pactBroker([...args, '--broker-base-url', base]))).code).toBe(0);

    const published = await publishContract('1.0.0', ordersOpenApi());
    expect(published.code).toBe(0);
    // Compatible when the comparison ran within the publish's wait, else queued: which one depends on the machine's speed.
    expect(published.stdout).toMatch(/Cross-contract comparison with LoopWeb version 1\.0\.0: (compatible\.|queued;)/);
    const yes = await canIDeploy('1.0.0');
    expect(yes.stdout).toContain('Computer says yes');
    expect(yes.code).toBe(0);

    await publishContract('2.0.0', ordersOpenApi({ path: '/customers/{id}' }));
    const noPath = await canIDeploy('2.0.0');
    expect(noPath.code).toBe(1);
    expect(noPath.stdout + noPath.stderr).toContain("Interaction 'a request for order 1': Path or method not defined in spec file: GET /orders/1");

    await publishContract('3.0.0', ordersOpenApi({ statusType: 'integer' }));
    const changedType = await canIDeploy('3.0.0');
    expect(changedType.code).toBe(1);
    expect(changedType.stdout + changedType.stderr).toMatch(/Interaction 'a request for order 1' \(GET \/orders\/\{id\}\): .*must be integer at response\.body\.status/);
  });
});
