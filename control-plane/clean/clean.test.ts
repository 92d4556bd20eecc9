/**
 * Team issue 14 (retention): `POST /api/tenants/<t>/clean` and `pactsafs clean` on a real embedded
 * tenant, its data published through a broker over the tenant's own database file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBroker, type Broker } from '../../broker/index.js';
import { openDatabase, type Db } from '../../broker/test-support/database-access.js';
import { historySendOf } from '../../broker/test-support/history-fixture.js';
import { pactDocument, publishBody } from '../../broker/test-support/test-broker.js';
import { runCli } from '../../cli/cli.js';
import { ExitCode } from '../../cli/cli-errors.js';
import { capturedIo } from '../../cli/test-support/captured-io.js';
import { useServedPlatform } from '../../cli/test-support/served-platform.js';

const DAY_MS = 86_400_000;

describe('cleaning a tenant (team issue 14)', () => {
  const platform = useServedPlatform();
  let broker: Broker;
  let db: Db;

  beforeEach(async () => {
    await (await platform.service.create({ name: 'acme' })).completion;
    const { url } = (await platform.service.databaseOf(platform.service.get('acme'))) as { url: string };
    broker = await openBroker({ databaseUrl: url, webhookDelivery: false });
    db = openDatabase(url);
    const send = historySendOf(broker.fetch);
    // Foo 1-5 on main, 1-4 of them 200 days old: the default selectors keep only 5 (latest, head, recent).
    for (const number of ['1', '2', '3', '4', '5']) {
      await send({ method: 'POST', path: '/contracts/publish', body: JSON.stringify(publishBody({ pacticipantVersionNumber: number, tags: [] }, pactDocument('Foo', 'Bar', [number]))) });
    }
    await db.updateTable('versions').set({ created_at: new Date(Date.now() - 200 * DAY_MS).toISOString() }).where('number', 'in', ['1', '2', '3', '4']).execute();
  });
  afterEach(async () => {
    await db.destroy();
    await broker.close();
  });

  const post = (body: string) => fetch(`${platform.url}/api/tenants/acme/clean`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  const versionCount = async () => (await db.selectFrom('versions').select('number').execute()).length;
  const cli = async (...args: string[]) => {
    const io = capturedIo();
    const code = await runCli([...args, '--url', platform.url], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  it('dry run: answers what would go and deletes nothing; then the clean deletes it', async () => {
    const dry = await post('{"dryRun": true}');
    expect(dry.status).toBe(200);
    const plan = (await dry.json()) as Record<string, unknown>;
    expect(plan).toMatchObject({
      tenant: 'acme',
      dryRun: true,
      deletionLimit: 500,
      overwrittenDataMaxAge: 7,
      counts: { totalVersions: 5, versionsToDelete: 4, versionsToKeep: 1 },
      versionSummary: { Foo: { toDelete: { count: 4, fromVersion: { number: '1' }, toVersion: { number: '4' } }, toKeep: { count: 1 } }, Bar: { toDelete: { count: 0 } } },
    });
    // The Ruby defaults, deployed and released included.
    expect(plan.keep).toEqual([{ tag: true, latest: true }, { branch: true, latest: true }, { latest: true }, { deployed: true }, { released: true }, { maxAge: 90 }]);
    expect(await versionCount()).toBe(5);

    const done = await post('{"deletionLimit": 3}');
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ dryRun: false, deletionLimit: 3, tables: { versions: { deleted: 3, kept: 2 }, pact_publications: { deleted: 3, kept: 2 } } });
    expect(await versionCount()).toBe(2);
  });

  it.each([
    ['{"keep": [{"max": 3}]}', 'Unknown key "keep[0].max"; a keep selector takes pacticipant, environment, deployed, released, tag, branch, mainBranch, latest, maxAge (or max_age).'],
    ['{"keep": "latest"}', '"keep" must be a non-empty JSON array of selectors, for example [{"latest": true}, {"deployed": true}, {"branch": "main", "maxAge": 30}].'],
    ['{"keep": [{"latest": false}]}', '"keep[0]" selects every version; give it at least one of pacticipant, environment, deployed, released, tag, branch, mainBranch, latest, maxAge (or max_age).'],
    ['{"dryRun": "yes"}', '"dryRun" must be true or false.'],
    ['{"deletionLimit": 0}', '"deletionLimit" must be a whole number of at least 1.'],
    ['{"keeep": []}', 'Unknown field "keeep"; a clean takes "dryRun", "keep", "keepBranches", "deletionLimit", "overwrittenDataMaxAge".'],
    ['{"keep": [', 'The request body is not valid JSON: '],
  ])('answers 400 with a sentence for %s, and deletes nothing', async (body, detail) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(((await answer.json()) as { detail: string }).detail).toContain(detail);
    expect(await versionCount()).toBe(5);
  });

  it('answers 404 for an unknown tenant', async () => {
    const answer = await fetch(`${platform.url}/api/tenants/nobody/clean`, { method: 'POST', body: '{"dryRun": true}', headers: { 'Content-Type': 'application/json' } });
    expect(answer.status).toBe(404);
  });

  it('pactsafs clean --dry-run prints what would go per pacticipant and deletes nothing', async () => {
    const shown = await cli('clean', 'acme', '--dry-run', '--keep', '[{"latest": true}, {"maxAge": 30}]');
    expect(shown).toMatchObject({ code: ExitCode.ok, stderr: '' });
    expect(shown.stdout).toBe(
      'A clean of tenant acme would delete 4 of 5 versions (at most 500 a run; 4 are not kept), 0 of 1 branches, and overwritten data: 0 pacts, 0 verifications, 0 webhook logs.\n' +
        'Kept: {"latest":true} {"maxAge":30} {"deployed":true} {"released":true}\n' +
        'PACTICIPANT  DELETE  VERSIONS  KEEP  VERSIONS\n' +
        'Bar          0       -         0     -\n' +
        'Foo          4       1 .. 4    1     5 .. 5\n',
    );
    expect(await versionCount()).toBe(5);
  });

  it('pactsafs clean needs a terminal or --yes, refuses bad JSON, and with --yes cleans and prints the tables', async () => {
    expect(await cli('clean', 'acme')).toMatchObject({ code: ExitCode.usage, stderr: expect.stringContaining('Not cleaning tenant acme: there is no terminal to confirm on.') });
    expect(await cli('clean', 'acme', '--dry-run', '--keep', '[{')).toMatchObject({ code: ExitCode.usage, stderr: expect.stringContaining("--keep takes a JSON array of selectors") });
    expect(await cli('clean', 'acme', '--dry-run', '--keep', '[{"max": 1}]')).toMatchObject({ code: ExitCode.failed, stderr: expect.stringContaining('Unknown key "keep[0].max"') });
    const cleaned = await cli('clean', 'acme', '--yes', '--limit', '2');
    expect(cleaned.code, cleaned.stderr).toBe(ExitCode.ok);
    expect(cleaned.stdout).toMatch(/^Cleaned tenant acme:\nTABLE +DELETED +KEPT\nversions +2 +3\npact_publications +2 +3\n/);
    expect(await versionCount()).toBe(3);
  });
});
