import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useCliBroker } from '../test-support/official-cli.js';
import { dig, pactDocument } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Team issue 14: PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION=true lets changed content be published for a
// consumer version that has a pact (RB pacts/service.rb disallowed_modification?, used by api/resources/pact.rb
// and contracts/service.rb). The refusal without it is tested in publish-changed-cli.test.ts and pact-routes.test.ts.
describeOnEachDatabase((database) => {
  const b = useCliBroker(database, { allowDangerousContractModification: true });
  const CHANGED = pactDocument('Foo', 'Bar', ['a request for things', 'another request']);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-dangerous-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function publish(pact: Record<string, unknown>) {
    writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(pact));
    return b.cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main');
  }

  async function latestDescriptions(): Promise<unknown[]> {
    const { body } = await b.t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0');
    return (dig(body, 'interactions') as { description: string }[]).map((interaction) => interaction.description);
  }

  describe('with allow dangerous contract modification', () => {
    it('pact-broker publish of changed content succeeds with the Ruby warning, and the new content is served', async () => {
      expect((await publish(pactDocument('Foo', 'Bar', ['a request for things']))).code).toBe(0);
      const { code, output } = await publish(CHANGED);
      expect(code).toBe(0);
      // RB locale/en.yml messages.contract.pact_modified_for_same_version.
      expect(output).toContain('Pact with changed content published over existing content for Foo version 1.0.0 and provider Bar. This is not recommended');
      expect(output).not.toContain('Cannot change the content');
      expect(await latestDescriptions()).toEqual(['a request for things', 'another request']);
    });

    it('a PUT of changed content replaces the pact with 200', async () => {
      const path = '/pacts/provider/Bar/consumer/Foo/version/1.0.0';
      expect((await b.t.json('PUT', path, { body: pactDocument() })).status).toBe(201);
      const { status, body } = await b.t.json('PUT', path, { body: CHANGED });
      expect(status).toBe(200);
      expect(dig(body, 'interactions', 1, 'description')).toBe('another request');
      expect(await latestDescriptions()).toEqual(['a request for things', 'another request']);
    });
  });
});
