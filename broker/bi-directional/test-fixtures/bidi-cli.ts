import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CliBroker } from '../../test-support/official-cli.js';

const run = promisify(execFile);
const PACTFLOW = resolve('node_modules/.bin/pactflow');

/** How a contract is published: its branch and tags, and the self-verification flag. */
export interface ContractPublishing {
  branch?: string;
  tags?: string[];
  selfVerification?: '--verification-success' | '--no-verification-success';
}

/** The official commands of the bi-directional tests (issue 15), writing their files in a directory of their own. */
export function bidiCli(broker: CliBroker) {
  const dir = mkdtempSync(join(tmpdir(), 'broker-bidi-'));
  return {
    dir,
    /** `pact-broker publish` of Web's pact with Orders at this consumer version; throws with the output when it fails. */
    async publishPact(version: string, pact: Record<string, unknown>, branch = 'main'): Promise<void> {
      const pacts = join(dir, `pacts-${version}`);
      mkdirSync(pacts);
      writeFileSync(join(pacts, 'Web-Orders.json'), JSON.stringify(pact));
      const { code, output } = await broker.cli('publish', pacts, '--consumer-app-version', version, '--branch', branch);
      if (code !== 0) throw new Error(output);
    },
    /** `pactflow publish-provider-contract` as the issue shows it; its exit code and output. */
    async publishContract(version: string, document: string, { branch = 'main', tags = [], selfVerification = '--verification-success' }: ContractPublishing = {}): Promise<{ code: number; output: string }> {
      const file = join(dir, `orders-${version}.yaml`);
      writeFileSync(file, document);
      const report = join(dir, 'report.txt');
      writeFileSync(report, 'schemathesis: 12 checks passed\n');
      const args = ['publish-provider-contract', file, '--provider', 'Orders', '--provider-app-version', version, '--branch', branch, '--content-type', 'application/yaml'];
      for (const tag of tags) args.push('--tag', tag);
      args.push(selfVerification, '--verification-results', report, '--verification-results-content-type', 'text/plain', '--verifier', 'schemathesis');
      try {
        const { stdout, stderr } = await run(PACTFLOW, [...args, '--broker-base-url', broker.baseUrl], { timeout: 30_000, env: { ...process.env, PACT_BROKER_HTTP_RETRIES: '0' } });
        return { code: 0, output: stdout + stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
      }
    },
    /** `pact-broker can-i-deploy` for Web and Orders at these versions, with the CLI's other options after. */
    canIDeploy: (webVersion: string, ordersVersion: string, ...options: string[]) =>
      broker.cli('can-i-deploy', '--pacticipant', 'Web', '--version', webVersion, '--pacticipant', 'Orders', '--version', ordersVersion, ...options),
  };
}
