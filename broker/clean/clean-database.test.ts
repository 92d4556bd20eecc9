/**
 * Team issue 14 (retention): the Ruby broker's clean on our schema. Expected results come from
 * the Ruby source: lib/pact_broker/db/clean_incremental.rb (defaults, oldest-first deletion up to
 * the limit, stale branches deleted before versions are selected), lib/pact_broker/domain/version.rb
 * (`for_selector`), lib/pact_broker/db/delete_overwritten_data.rb, and the cases of
 * spec/lib/pact_broker/db/clean_incremental_spec.rb.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/index.js';
import { createEnvironment } from '../test-support/environments.js';
import { useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publish, verify } from '../test-support/verification-history-fixture.js';
import { cleanDatabase, type CleanOptions, type CleanResult, type DryRunResult } from './clean-database.js';
import { DEFAULT_KEEP_BRANCH_SELECTORS, DEFAULT_KEEP_SELECTORS, withDeployedAndReleased } from '../../shared/clean/clean-selectors.js';

const NOW = new Date();
const DAY_MS = 86_400_000;

function options(overrides: Partial<CleanOptions> = {}): CleanOptions {
  return {
    keep: withDeployedAndReleased(DEFAULT_KEEP_SELECTORS),
    keepBranches: DEFAULT_KEEP_BRANCH_SELECTORS,
    deletionLimit: 500,
    overwrittenDataMaxAge: 7,
    dryRun: false,
    now: NOW,
    ...overrides,
  };
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);
  let db: Db;
  beforeEach(() => {
    db = openDatabase(t.databaseUrl);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();
  async function age(pacticipant: string, numbers: string[], days: number): Promise<void> {
    const ids = db.selectFrom('pacticipants').select('id').where('name', '=', pacticipant);
    await db.updateTable('versions').set({ created_at: daysAgo(days) }).where('pacticipant_id', 'in', ids).where('number', 'in', numbers).execute();
  }
  async function ageBranch(name: string, days: number): Promise<void> {
    await db.updateTable('branches').set({ updated_at: daysAgo(days) }).where('name', '=', name).execute();
  }
  async function versionNumbers(pacticipant: string): Promise<string[]> {
    const rows = await db
      .selectFrom('versions as v')
      .innerJoin('pacticipants as p', 'p.id', 'v.pacticipant_id')
      .where('p.name', '=', pacticipant)
      .select('v.number')
      .orderBy('v.order')
      .execute();
    return rows.map((row) => row.number);
  }
  async function branchNames(): Promise<string[]> {
    return (await db.selectFrom('branches').select('name').orderBy('name').execute()).map((row) => row.name);
  }

  describe('with the specified keep selectors of clean_incremental_spec.rb', () => {
    beforeEach(async () => {
      // Foo 1 prod+dev, 2, 3 prod, 4 dev (deployed), 5 dev, 6 foo, 7: as the Ruby spec's history.
      const uuid = await createEnvironment(t, 'test');
      const tagsOf: Record<string, string[]> = { '1': ['prod', 'dev'], '2': [], '3': ['prod'], '4': ['dev'], '5': ['dev'], '6': ['foo'], '7': [] };
      for (const [number, tags] of Object.entries(tagsOf)) await publish(t, 'Foo', number, { tags }, number);
      expect((await t.json('POST', `/pacticipants/Foo/versions/4/deployed-versions/environment/${uuid}`, { body: {} })).status).toBe(201);
    });

    it('deletes the 3 oldest versions not kept (2, 4, 6) and keeps 7 for the next run, as the spec expects', async () => {
      const keep = [{ tag: 'prod' }, { tag: 'dev', latest: true } as const];
      const result = (await cleanDatabase(db, options({ keep, keepBranches: [], deletionLimit: 3 }))) as CleanResult;
      expect(await versionNumbers('Foo')).toEqual(['1', '3', '5', '7']);
      expect(result.tables.versions).toEqual({ deleted: 3, kept: 4 });
      expect(result.tables.pact_publications).toEqual({ deleted: 3, kept: 4 });
      // Their pacts' contents were theirs alone: orphans, deleted too.
      expect(result.tables.pact_versions).toEqual({ deleted: 3, kept: 4 });
    });

    it('keeps the deployed version 4 when deployed and released are added, as the clean task adds them', async () => {
      await cleanDatabase(db, options({ keep: withDeployedAndReleased([{ tag: 'prod' }, { tag: 'dev', latest: true }]), keepBranches: [], deletionLimit: 3 }));
      expect(await versionNumbers('Foo')).toEqual(['1', '3', '4', '5']);
    });
  });

  it('applies a max age by branch (spec: "a selector with a branch and a max age, and a selector with a max age only")', async () => {
    await publish(t, 'Foo', '1', { branch: 'main', tags: [] }, '1');
    await publish(t, 'Foo', '2', { branch: 'feat/foo', tags: [] }, '2');
    await publish(t, 'Foo', '3', { branch: 'main', tags: [] }, '3');
    await publish(t, 'Foo', '4', { branch: 'feat/foo', tags: [] }, '4');
    await age('Foo', ['1', '2'], 20);
    await age('Foo', ['3'], 10);
    await cleanDatabase(db, options({ keep: [{ maxAge: 5 }, { maxAge: 15, branch: 'main' }], keepBranches: [] }));
    expect(await versionNumbers('Foo')).toEqual(['3', '4']);
  });

  describe('a history of branches, tags, deployments, releases and verifications, with the default selectors', () => {
    beforeEach(async () => {
      const test = await createEnvironment(t, 'test');
      const production = await createEnvironment(t, 'production');
      await publish(t, 'Foo', '1', { branch: 'main', tags: ['prod'] }, '1');
      await publish(t, 'Foo', '2', { branch: 'main', tags: ['prod'] }, '2');
      await publish(t, 'Foo', '3', { branch: 'feat/a', tags: [] }, '3');
      await publish(t, 'Foo', '4', { branch: 'main', tags: [] }, '4');
      await publish(t, 'Foo', '5', { branch: 'main', tags: [] }, '5');
      await publish(t, 'Foo', '6', { branch: 'main', tags: ['dev'] }, '6');
      await publish(t, 'Foo', '7', { branch: 'main', tags: ['dev'] }, '7');
      await publish(t, 'Foo', '8', { branch: 'feat/b', tags: [] }, '8');
      await publish(t, 'Foo', '9', { branch: 'main', tags: [] }, '9');
      expect((await t.json('POST', `/pacticipants/Foo/versions/4/deployed-versions/environment/${test}`, { body: {} })).status).toBe(201);
      expect((await t.json('POST', `/pacticipants/Foo/versions/8/released-versions/environment/${production}`, { body: {} })).status).toBe(201);
      await verify(t, { consumer: 'Foo', version: '1', providerVersion: 'b1', branch: 'main', success: true });
      await verify(t, { consumer: 'Foo', version: '5', providerVersion: 'b2', branch: 'main', success: true });
      await verify(t, { consumer: 'Foo', version: '9', providerVersion: 'b3', branch: 'main', success: true });
      await age('Foo', ['1', '2', '3', '4', '5', '6', '8'], 200);
      await age('Foo', ['7'], 100);
      await age('Foo', ['9'], 10);
      await age('Bar', ['b1', 'b2'], 120);
      await ageBranch('feat/a', 200);
      await ageBranch('feat/b', 100);
    });

    it('keeps the latest per tag, branch heads, the latest, deployed, released and recent versions; deletes the rest and stale branches', async () => {
      const result = (await cleanDatabase(db, options())) as CleanResult;
      // 1: an older prod; 3: head of feat/a, a branch deleted as stale first; 5, 6: superseded on main.
      expect(await versionNumbers('Foo')).toEqual(['2', '4', '7', '8', '9']);
      expect(await versionNumbers('Bar')).toEqual(['b3']);
      expect(await branchNames()).toEqual(['main', 'main']);
      expect(result.tables.versions).toEqual({ deleted: 6, kept: 6 });
      expect(result.tables.branches).toEqual({ deleted: 2, kept: 2 });
      // b1 verified Foo 1 and b2 Foo 5: both results went with their versions.
      expect(result.tables.verifications).toEqual({ deleted: 2, kept: 1 });
      // The main branch's head is still 9, and Foo 8 keeps its release.
      const heads = await db.selectFrom('branch_heads as h').innerJoin('versions as v', 'v.id', 'h.version_id').select(['h.branch_name', 'v.number']).orderBy('v.number').execute();
      expect(heads).toEqual([{ branch_name: 'main', number: '9' }, { branch_name: 'main', number: 'b3' }]);
      expect((await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/8')).status).toBe(200);
      expect((await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/5')).status).toBe(404);
    });

    it('dry run: tells what would go, per pacticipant, and deletes nothing', async () => {
      const before = await db.selectFrom('versions').select('id').execute();
      const result = (await cleanDatabase(db, options({ dryRun: true }))) as DryRunResult;
      expect((await db.selectFrom('versions').select('id').execute()).length).toBe(before.length);
      expect(await branchNames()).toEqual(['feat/a', 'feat/b', 'main', 'main']);
      expect(result.counts).toMatchObject({ totalVersions: 12, versionsToDelete: 6, versionsNotToKeep: 6, versionsToKeep: 6, totalBranches: 4, branchesToDelete: 2, branchesToKeep: 2 });
      expect(result.counts.versionsToKeepBySelector).toContainEqual({ selector: { deployed: true }, count: 1 });
      expect(result.versionSummary.Foo).toEqual({
        toDelete: { count: 4, fromVersion: { number: '1', created: '7 months ago', tags: ['prod'] }, toVersion: expect.objectContaining({ number: '6', tags: ['dev'] }) },
        toKeep: { count: 5, firstVersion: expect.objectContaining({ number: '2' }), latestVersion: { number: '9', created: '10 days ago', tags: [] } },
      });
      expect(result.versionSummary.Bar).toMatchObject({ toDelete: { count: 2 }, toKeep: { count: 1 } });
    });

    it('deletes at most the deletion limit per run, oldest first, and the rest in later runs', async () => {
      const first = (await cleanDatabase(db, options({ deletionLimit: 2 }))) as CleanResult;
      expect(first.tables.versions.deleted).toBe(2);
      expect(await versionNumbers('Foo')).toEqual(['2', '4', '5', '6', '7', '8', '9']);
      await cleanDatabase(db, options({ deletionLimit: 2 }));
      expect(await versionNumbers('Foo')).toEqual(['2', '4', '7', '8', '9']);
      expect(await versionNumbers('Bar')).toEqual(['b1', 'b2', 'b3']);
      await cleanDatabase(db, options({ deletionLimit: 2 }));
      expect(await versionNumbers('Bar')).toEqual(['b3']);
      const last = (await cleanDatabase(db, options({ deletionLimit: 2 }))) as CleanResult;
      expect(last.tables.versions).toEqual({ deleted: 0, kept: 6 });
    });
  });

  it('deletes overwritten pacts and verifications older than the max age, never the latest', async () => {
    await publish(t, 'Foo', '1', { branch: 'main', tags: [] }, 'first');
    await overwritePact('content first', 'content second');
    await verify(t, { consumer: 'Foo', version: '1', providerVersion: 'b1', success: false });
    await verify(t, { consumer: 'Foo', version: '1', providerVersion: 'b1', success: true });
    await db.updateTable('pact_publications').set({ created_at: daysAgo(10) }).execute();
    await db.updateTable('verifications').set({ created_at: daysAgo(10) }).execute();
    const keepAll = [{ maxAge: 999 }];
    const notOldEnough = (await cleanDatabase(db, options({ keep: keepAll, overwrittenDataMaxAge: 30, dryRun: true }))) as DryRunResult;
    expect(notOldEnough.overwrittenData).toEqual({ pact_publications: 0, verifications: 0, triggered_webhooks: 0 });
    const result = (await cleanDatabase(db, options({ keep: keepAll }))) as CleanResult;
    expect(result.tables.pact_publications).toEqual({ deleted: 1, kept: 1 });
    expect(result.tables.verifications).toEqual({ deleted: 1, kept: 1 });
    // The first content, no longer published nor verified, went as an orphan.
    expect(result.tables.pact_versions).toEqual({ deleted: 1, kept: 1 });
    const pact = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/latest');
    expect(JSON.stringify(pact.body)).toContain('content second');
  });

  it('deletes more overwritten rows in one run than a statement may bind parameters (SQLite 32,766, PostgreSQL 65,535)', async () => {
    await publish(t, 'Foo', '1', { branch: 'main', tags: [] }, '1');
    await verify(t, { consumer: 'Foo', version: '1', providerVersion: 'b1', success: true });
    // 70,000 earlier results of the same pact by the same provider version, all overwritten by the one published.
    await sql`insert into verifications (number, success, provider_version_id, provider_id, consumer_id, pact_version_id, execution_date, created_at, wip)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 70000)
      select 1000 + n.i, v.success, v.provider_version_id, v.provider_id, v.consumer_id, v.pact_version_id, v.execution_date, ${daysAgo(10)}, 0
      from verifications v, n`.execute(db);
    const result = (await cleanDatabase(db, options({ deletionLimit: 100_000 }))) as CleanResult;
    expect(result.tables.verifications).toEqual({ deleted: 70_000, kept: 1 });
  });

  /**
   * A second revision of the only pact, as the Ruby broker made when a pact was re-published with
   * other content (data restored from such a broker hold them); our API refuses changed content
   * with 409, so the revision is written to the tables directly.
   */
  async function overwritePact(from: string, to: string): Promise<void> {
    const first = await db.selectFrom('pact_publications').selectAll().executeTakeFirstOrThrow();
    const { id: _pactVersionId, ...content } = await db.selectFrom('pact_versions').selectAll().where('id', '=', first.pact_version_id).executeTakeFirstOrThrow();
    const pactVersion = await db
      .insertInto('pact_versions')
      .values({ ...content, sha: 'second-revision', content: content.content.replaceAll(from, to) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: _publicationId, ...publication } = first;
    const revision = await db
      .insertInto('pact_publications')
      .values({ ...publication, revision_number: 2, pact_version_id: pactVersion.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('latest_pact_publication_ids_for_consumer_versions')
      .set({ pact_publication_id: revision.id, pact_version_id: pactVersion.id })
      .where('pact_publication_id', '=', first.id)
      .execute();
  }
});
