import { beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment, publishVersion } from '../test-support/environments.js';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });
  let test: string;
  let prod: string;
  beforeAll(async () => {
    test = await createEnvironment(t, 'test');
    prod = await createEnvironment(t, 'production', 'Production');
  });

  /** Records a deployment as the CLI does: it follows the version's `pb:record-deployment` link named after the environment. */
  async function deploy(pacticipant: string, version: string, environment: string, body: Record<string, unknown> = {}) {
    const versionResource = await t.json('GET', `/pacticipants/${pacticipant}/versions/${version}`);
    const links = dig(versionResource.body, '_links', 'pb:record-deployment') as { name: string; href: string }[];
    const href = links.find((link) => link.name === environment)?.href;
    if (!href) throw new Error(`No pb:record-deployment link for ${environment}`);
    return t.json('POST', href.slice(BASE.length), { body });
  }

  const currentlyDeployed = async (environmentUuid: string, query = '') =>
    dig((await t.json('GET', `/environments/${environmentUuid}/deployed-versions/currently-deployed${query}`)).body, '_embedded', 'deployedVersions') as Record<string, unknown>[];

  describe('the version resource', () => {
    it('links every environment for recording deployments and releases', async () => {
      await publishVersion(t, 'Links', '1');
      const { body } = await t.json('GET', '/pacticipants/Links/versions/1');
      expect(dig(body, '_links', 'pb:record-deployment')).toEqual([
        { title: 'Record deployment to Production', name: 'production', href: `${BASE}/pacticipants/Links/versions/1/deployed-versions/environment/${prod}` },
        { title: 'Record deployment to Test', name: 'test', href: `${BASE}/pacticipants/Links/versions/1/deployed-versions/environment/${test}` },
      ]);
      expect(dig(body, '_links', 'pb:record-release', 1)).toEqual({
        title: 'Record release to Test',
        name: 'test',
        href: `${BASE}/pacticipants/Links/versions/1/released-versions/environment/${test}`,
      });
      expect(dig(body, '_links', 'pb:deployed-environments')).toEqual([]);
    });
  });

  describe('POST …/deployed-versions/environment/{uuid}', () => {
    it('records a deployment to an application instance, as the CLI sends it', async () => {
      await publishVersion(t, 'Api', '1');
      const { status, headers, body } = await deploy('Api', '1', 'production', { applicationInstance: 'eu-1', target: 'eu-1' });
      expect(status).toBe(201);
      const uuid = dig(body, 'uuid') as string;
      expect(headers.get('location')).toBe(`${BASE}/deployed-versions/${uuid}`);
      expect(body).toMatchObject({
        currentlyDeployed: true,
        target: 'eu-1',
        applicationInstance: 'eu-1',
        createdAt: expect.stringMatching(/\+00:00$/),
        _embedded: {
          pacticipant: { name: 'Api', _links: { self: { href: `${BASE}/pacticipants/Api` } } },
          version: { number: '1', _links: { self: { title: 'Version', name: '1', href: `${BASE}/pacticipants/Api/versions/1` } } },
          environment: { uuid: prod, name: 'production', displayName: 'Production' },
        },
        _links: { self: { href: `${BASE}/deployed-versions/${uuid}` } },
      });
      expect(dig(body, 'undeployedAt')).toBeUndefined();
    });

    it('answers the current deployment again when the version is already deployed there', async () => {
      await publishVersion(t, 'Again', '1');
      const first = await deploy('Again', '1', 'test');
      const second = await deploy('Again', '1', 'test', {});
      expect(second.status).toBe(201);
      expect(dig(second.body, 'uuid')).toBe(dig(first.body, 'uuid'));
      expect(await currentlyDeployed(test, '?pacticipant=Again')).toHaveLength(1);
    });

    it('ends the previous deployment of the pacticipant to the same environment and instance only', async () => {
      for (const version of ['1', '2']) await publishVersion(t, 'Web', version);
      const old = dig((await deploy('Web', '1', 'test')).body, 'uuid') as string;
      const otherInstance = dig((await deploy('Web', '1', 'test', { applicationInstance: 'blue' })).body, 'uuid');
      const otherEnvironment = dig((await deploy('Web', '1', 'production')).body, 'uuid');
      const replacement = dig((await deploy('Web', '2', 'test')).body, 'uuid');

      const ended = await t.json('GET', `/deployed-versions/${old}`);
      expect(ended.body).toMatchObject({ uuid: old, currentlyDeployed: false, undeployedAt: expect.stringMatching(/\+00:00$/) });
      expect((await currentlyDeployed(test, '?pacticipant=Web')).map((deployed) => deployed.uuid)).toEqual([replacement, otherInstance]);
      expect((await currentlyDeployed(prod, '?pacticipant=Web')).map((deployed) => deployed.uuid)).toEqual([otherEnvironment]);
    });

    it('records a deployment without an instance for an empty body, omitting target and applicationInstance', async () => {
      await publishVersion(t, 'Empty', '1');
      const response = await t.request('POST', `/pacticipants/Empty/versions/1/deployed-versions/environment/${test}`, { headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(201);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).not.toHaveProperty('target');
      expect(body).not.toHaveProperty('applicationInstance');
    });

    it.each([
      ['an unknown version', () => `/pacticipants/Api/versions/9/deployed-versions/environment/${test}`],
      ['an unknown environment', () => '/pacticipants/Api/versions/1/deployed-versions/environment/5678'],
    ])('answers 404 for %s', async (_, path) => {
      expect((await t.json('POST', path(), { body: {} })).status).toBe(404);
    });

    it('lists the version deployments to the environment with GET, newest first', async () => {
      await publishVersion(t, 'History', '1');
      await deploy('History', '1', 'test', { applicationInstance: 'a' });
      await deploy('History', '1', 'test', { applicationInstance: 'b' });
      const { status, body } = await t.json('GET', `/pacticipants/History/versions/1/deployed-versions/environment/${test}`);
      expect(status).toBe(200);
      expect((dig(body, '_embedded', 'deployedVersions') as Record<string, unknown>[]).map((deployed) => deployed.applicationInstance)).toEqual(['b', 'a']);
      expect(dig(body, '_links', 'self')).toEqual({
        title: 'Deployed versions for History version 1 in environment Test',
        href: `${BASE}/pacticipants/History/versions/1/deployed-versions/environment/${test}`,
      });
    });
  });

  describe('GET /environments/{uuid}/deployed-versions/currently-deployed', () => {
    it('embeds pacticipant and version and filters by pacticipant and instance; a blank instance means none', async () => {
      for (const version of ['4', '5']) await publishVersion(t, 'Filter', version);
      await deploy('Filter', '4', 'test', { applicationInstance: 'customer-1' });
      await deploy('Filter', '5', 'test');
      const numbers = async (query: string) =>
        (await currentlyDeployed(test, query)).map((deployed) => dig(deployed, '_embedded', 'version', 'number'));
      expect(await numbers('?pacticipant=Filter')).toEqual(['5', '4']);
      expect(await numbers('?pacticipant=Filter&applicationInstance=customer-1')).toEqual(['4']);
      expect(await numbers('?pacticipant=Filter&target=customer-1')).toEqual(['4']);
      expect(await numbers('?pacticipant=Filter&applicationInstance=')).toEqual(['5']);
      const { body } = await t.json('GET', `/environments/${test}/deployed-versions/currently-deployed?pacticipant=Filter`);
      expect(dig(body, '_links', 'self')).toEqual({
        title: 'Currently deployed versions for Test',
        href: `${BASE}/environments/${test}/deployed-versions/currently-deployed?pacticipant=Filter`,
      });
      expect(dig(body, '_embedded', 'deployedVersions', 0, '_embedded', 'pacticipant', 'name')).toBe('Filter');
    });

    it('answers 404 for an unknown environment', async () => {
      expect((await t.request('GET', '/environments/5678/deployed-versions/currently-deployed')).status).toBe(404);
    });
  });

  describe('PATCH /deployed-versions/{uuid}', () => {
    it('records the undeployment, which the version resource then shows', async () => {
      await publishVersion(t, 'Undeploy', '1');
      const uuid = dig((await deploy('Undeploy', '1', 'test')).body, 'uuid') as string;
      const { status, body } = await t.json('PATCH', `/deployed-versions/${uuid}`, { body: { currentlyDeployed: false }, headers: MERGE_PATCH });
      expect(status).toBe(200);
      expect(body).toMatchObject({ uuid, currentlyDeployed: false, undeployedAt: expect.stringMatching(/\+00:00$/) });
      expect(await currentlyDeployed(test, '?pacticipant=Undeploy')).toEqual([]);
      const version = await t.json('GET', '/pacticipants/Undeploy/versions/1');
      expect(dig(version.body, '_links', 'pb:deployed-environments')).toEqual([
        { title: 'Version deployed to Test', name: 'Test', href: `${BASE}/deployed-versions/${uuid}`, currently_deployed: false },
      ]);
    });

    it('refuses to make a deployment current again with 422, and changes nothing for other bodies', async () => {
      await publishVersion(t, 'Redeploy', '1');
      const uuid = dig((await deploy('Redeploy', '1', 'test')).body, 'uuid') as string;
      const unchanged = await t.json('PATCH', `/deployed-versions/${uuid}`, { body: {}, headers: MERGE_PATCH });
      expect(unchanged.body).toMatchObject({ currentlyDeployed: true });
      const { status, body } = await t.json('PATCH', `/deployed-versions/${uuid}`, { body: { currentlyDeployed: true }, headers: MERGE_PATCH });
      expect(status).toBe(422);
      expect(body).toEqual({
        errors: { currentlyDeployed: ['The currentlyDeployed property cannot be set back to true. Please record a new deployment.'] },
      });
    });

    it('accepts only merge-patch bodies, and answers 404 for an unknown uuid', async () => {
      await publishVersion(t, 'Types', '1');
      const uuid = dig((await deploy('Types', '1', 'test')).body, 'uuid') as string;
      expect((await t.json('PATCH', `/deployed-versions/${uuid}`, { body: { currentlyDeployed: false } })).status).toBe(415);
      expect((await t.json('PATCH', '/deployed-versions/5678', { body: { currentlyDeployed: false }, headers: MERGE_PATCH })).status).toBe(404);
      expect(await currentlyDeployed(test, '?pacticipant=Types')).toHaveLength(1);
    });
  });

  it('forgets the deployments to an environment when it is deleted', async () => {
    const doomed = await createEnvironment(t, 'doomed');
    await publishVersion(t, 'Doomed', '1');
    const uuid = dig((await deploy('Doomed', '1', 'doomed')).body, 'uuid') as string;
    expect((await t.request('DELETE', `/environments/${doomed}`)).status).toBe(204);
    expect((await t.request('GET', `/deployed-versions/${uuid}`)).status).toBe(404);
  });
});
