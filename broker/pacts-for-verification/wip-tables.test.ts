import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/index.js';
import { dig, pactDocument, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { statementsOf } from '../test-support/query-counter.js';
import { prepareVerificationHistory, publish, verify } from '../test-support/verification-history-fixture.js';
import { findWipCandidates } from './wip-repository.js';

/**
 * Team issue 13: the WIP pacts are found from two tables the writes keep (migrations 012, 013): each branch head's
 * current pact per provider with its publication date, and each successful verification outside WIP per branch of its provider version.
 * Whatever the API does (publish, overwrite, move a head, put a verified version on a branch later, delete a
 * branch version, a branch, a version, a pact, a pacticipant), they hold exactly what joining their sources gives.
 */
describeOnEachDatabase((database) => {
  const broker = useTestBroker(database, { allowDangerousContractModification: true });
  let db: Db;
  beforeEach(() => {
    db = openDatabase(broker.databaseUrl);
  });
  afterEach(() => db.destroy());

  async function send(method: string, path: string, status: number, body?: unknown): Promise<void> {
    const response = await broker.json(method, path, { body });
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(status);
  }

  /** The WIP pacts for a provider branch (`main` by default), by name (`Pact between Web (w3) and Bar`). */
  async function wipVersions(providerVersionBranch = 'main'): Promise<string[]> {
    const body = { consumerVersionSelectors: [{ mainBranch: true }], providerVersionBranch, includePendingStatus: true, includeWipPactsSince: '2000-01-01' };
    const response = await broker.json('POST', '/pacts/provider/Bar/for-verification', { body });
    const pacts = dig(response.body, '_embedded', 'pacts') as Array<{ verificationProperties: { wip?: boolean }; _links: { self: { name: string } } }>;
    return pacts.filter((pact) => pact.verificationProperties.wip === true).map((pact) => pact._links.self.name).sort();
  }

  it('hold what their sources give after every kind of write', async () => {
    const steps: Array<[string, () => Promise<void>]> = [
      ['a history', async () => void (await prepareVerificationHistory(broker))],
      ['a success outside WIP by a version on another branch', () => verify(broker, { consumer: 'Web', version: 'w3', providerVersion: 'p2', branch: 'feat-y', success: true })],
      ['a failure', () => verify(broker, { consumer: 'Mobile', version: 'm3', providerVersion: 'p2', success: false })],
      ['the verified version put on main afterwards', () => send('PUT', '/pacticipants/Bar/branches/main/versions/p2', 201, {})],
      ['a head moved by a new version', () => publish(broker, 'Web', 'w5', { branch: 'feat-x', tags: [] }, 'D')],
      ['a pact overwritten', () => send('PUT', '/pacts/provider/Bar/consumer/Web/version/w5', 200, pactDocument('Web', 'Bar', ['content E']))],
      ['the head taken off its branch', () => send('DELETE', '/pacticipants/Web/branches/feat-x/versions/w5', 204)],
      ['a verifying version deleted', () => send('DELETE', '/pacticipants/Bar/versions/p2', 204)],
      ['a branch deleted', () => send('DELETE', '/pacticipants/Mobile/branches/feat-x', 204)],
      ['a pact deleted', () => send('DELETE', '/pacts/provider/Bar/consumer/Web/version/w4', 200)],
      ['a consumer deleted', () => send('DELETE', '/pacticipants/Legacy', 204)],
    ];
    for (const [step, write] of steps) {
      await write();
      expect(await db.selectFrom('branch_head_pacts').selectAll().orderBy(['branch_head_id', 'provider_id']).execute(), step).toEqual(await branchHeadPactsFromSources());
      expect(
        await db.selectFrom('pact_version_provider_branch_successful_verifications').selectAll().orderBy(['verification_id', 'branch_version_id']).execute(),
        step,
      ).toEqual(await branchSuccessesFromSources());
    }
  });

  it('end WIP for a pact verified by a version put on the provider branch after its verification', async () => {
    await prepareVerificationHistory(broker);
    await verify(broker, { consumer: 'Web', version: 'w3', providerVersion: 'p2', branch: 'feat-y', success: true });
    const before = await wipVersions();
    expect(before).toContain('Pact between Web (w3) and Bar');
    await send('PUT', '/pacticipants/Bar/branches/main/versions/p2', 201, {});
    expect(await wipVersions()).toEqual(before.filter((name) => name !== 'Pact between Web (w3) and Bar'));
  });

  it('count a success on another branch for a provider branch that has no version yet', async () => {
    await prepareVerificationHistory(broker);
    const before = await wipVersions('brand-new');
    expect(before).toContain('Pact between Web (w3) and Bar');
    await verify(broker, { consumer: 'Web', version: 'w3', providerVersion: 'p2', branch: 'feat-y', success: true });
    expect(await wipVersions('brand-new')).toEqual(before.filter((name) => name !== 'Pact between Web (w3) and Bar'));
  });

  it('give the WIP look-up only heads whose pact was published after includeWipPactsSince (migration 013)', async () => {
    await prepareVerificationHistory(broker);
    const { id: providerId } = await db.selectFrom('pacticipants').select('id').where('name', '=', 'Bar').executeTakeFirstOrThrow();
    const lookUp = (since: string) => statementsOf(() => findWipCandidates(db, providerId, since, 'branch', { providerId, branch: 'main', lookBackFrom: '2000-01-01' }));
    // Heads with unverified pacts: their pacts are read in a second statement; published before the date, none reaches it.
    expect((await lookUp('2000-01-01T00:00:00.000Z')).length).toBe(2);
    expect((await lookUp('2999-01-01T00:00:00.000Z')).length).toBe(1);
  });

  function branchHeadPactsFromSources() {
    return db
      .selectFrom('branch_heads as bh')
      .innerJoin('latest_pact_publication_ids_for_consumer_versions as lp', 'lp.consumer_version_id', 'bh.version_id')
      .innerJoin('pact_publications as pp', 'pp.id', 'lp.pact_publication_id')
      .select(['bh.id as branch_head_id', 'lp.provider_id', 'lp.consumer_version_id', 'lp.pact_version_id', 'bh.branch_name', 'pp.created_at as published_at'])
      .orderBy(['bh.id', 'lp.provider_id'])
      .execute();
  }

  function branchSuccessesFromSources() {
    return db
      .selectFrom('verifications as ver')
      .innerJoin('branch_versions as bv', 'bv.version_id', 'ver.provider_version_id')
      .select(['ver.id as verification_id', 'bv.id as branch_version_id', 'ver.provider_id', 'bv.branch_name', 'ver.pact_version_id', 'ver.execution_date'])
      .where('ver.success', '=', 1)
      .where('ver.wip', '=', 0)
      .orderBy(['ver.id', 'bv.id'])
      .execute();
  }
});
