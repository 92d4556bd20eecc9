import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useCliBroker, type CliBroker } from '../test-support/official-cli.js';
import { dig, pactDocument, publishBody } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Item 1 of team issue 14: the Ruby broker refuses changed content for a published consumer version with
// errors.validation.pact_content_modification_not_allowed (locale/en.yml) and an info notice holding
// CreateFormattedDiff.call(new, existing) (contracts/service.rb): what changed, not the whole content.
// PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION=true lets it through (RB pacts/service.rb disallowed_modification?,
// used by api/resources/pact.rb and contracts/service.rb; team issue 14).
describeOnEachDatabase((database) => {
  const b = useCliBroker(database);
  const dangerous = useCliBroker(database, { allowDangerousContractModification: true });
  const CHANGED = pactDocument('Foo', 'Bar', ['a request for things', 'another request']);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-changed-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function publish(pact: Record<string, unknown>, broker: CliBroker = b) {
    writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(pact));
    return broker.cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main');
  }

  async function descriptionsOfVersion1(): Promise<unknown[]> {
    const { body } = await dangerous.t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0');
    return (dig(body, 'interactions') as { description: string }[]).map((interaction) => interaction.description);
  }

  describe('pact-broker publish of changed content for a published consumer version', () => {
    it('is refused with the real text and a diff of what changed', async () => {
      expect((await publish(pactDocument('Foo', 'Bar', ['a request for things']))).code).toBe(0);
      const { code, output } = await publish(CHANGED);
      expect(code).not.toBe(0);
      expect(output).toContain(
        'Cannot change the content of the pact for Foo version 1.0.0 and provider Bar, as race conditions will cause unreliable results for can-i-deploy.',
      );
      // The CLI prints a notice's text with its whitespace collapsed.
      expect(output).toContain('{ "interactions": [ ... , + { + "description": "another request", + "request": { + "method": "GET",');
      expect(output).not.toContain('a request for things');
      expect(output).not.toContain('pactSpecification');
    });

    it('answers the notices the CLI prints: the error, then the diff', async () => {
      expect((await b.t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '1.0.0' }) })).status).toBe(200);
      const changed = publishBody({ pacticipantVersionNumber: '1.0.0' }, CHANGED);
      const { status, body } = await b.t.json('POST', '/contracts/publish', { body: changed });
      expect(status).toBe(409);
      expect(dig(body, 'notices', 1)).toEqual({
        type: 'info',
        text: [' {', '   "interactions": [', '     ... ,', '+    {', '+      "description": "another request",', '+      "request": {', '+        "method": "GET",',
          '+        "path": "/things"', '+      },', '+      "response": {', '+        "body": {', '+          "description": "another request"', '+        },',
          '+        "status": 200', '+      }', '+    }', '   ]', ' }'].join('\n'),
      });
    });
  });

  describe('with allow dangerous contract modification', () => {
    it('pact-broker publish of changed content succeeds with the Ruby warning, and the new content is served', async () => {
      expect((await publish(pactDocument('Foo', 'Bar', ['a request for things']), dangerous)).code).toBe(0);
      const { code, output } = await publish(CHANGED, dangerous);
      expect(code).toBe(0);
      // RB locale/en.yml messages.contract.pact_modified_for_same_version.
      expect(output).toContain('Pact with changed content published over existing content for Foo version 1.0.0 and provider Bar. This is not recommended');
      expect(output).not.toContain('Cannot change the content');
      expect(await descriptionsOfVersion1()).toEqual(['a request for things', 'another request']);
    });

    it('a PUT of changed content replaces the pact with 200', async () => {
      const path = '/pacts/provider/Bar/consumer/Foo/version/1.0.0';
      expect((await dangerous.t.json('PUT', path, { body: pactDocument() })).status).toBe(201);
      const { status, body } = await dangerous.t.json('PUT', path, { body: CHANGED });
      expect(status).toBe(200);
      expect(dig(body, 'interactions', 1, 'description')).toBe('another request');
      expect(await descriptionsOfVersion1()).toEqual(['a request for things', 'another request']);
    });
  });
});
