import { beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment, publishVersion } from '../test-support/environments.js';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });
  let prod: string;
  beforeAll(async () => {
    prod = await createEnvironment(t, 'production', 'Production');
  });

  const release = (pacticipant: string, version: string) =>
    t.json('POST', `/pacticipants/${pacticipant}/versions/${version}/released-versions/environment/${prod}`, { body: {} });

  const endSupport = (uuid: string) => t.json('PATCH', `/released-versions/${uuid}`, { body: { currentlySupported: false }, headers: MERGE_PATCH });

  const supported = async (query: string) =>
    (dig((await t.json('GET', `/environments/${prod}/released-versions/currently-supported${query}`)).body, '_embedded', 'releasedVersions') as Record<string, unknown>[]).map(
      (released) => `${dig(released, '_embedded', 'pacticipant', 'name') as string} ${dig(released, '_embedded', 'version', 'number') as string}`,
    );

  describe('POST …/released-versions/environment/{uuid}', () => {
    it('records a release with 201 and its location, and answers it again with 200', async () => {
      await publishVersion(t, 'Mobile', '1');
      const created = await release('Mobile', '1');
      expect(created.status).toBe(201);
      const uuid = dig(created.body, 'uuid') as string;
      expect(created.headers.get('location')).toBe(`${BASE}/released-versions/${uuid}`);
      expect(created.body).toMatchObject({
        uuid,
        currentlySupported: true,
        createdAt: expect.stringMatching(/\+00:00$/),
        _embedded: {
          pacticipant: { name: 'Mobile' },
          version: { number: '1' },
          environment: { uuid: prod, name: 'production' },
        },
        _links: { self: { href: `${BASE}/released-versions/${uuid}` } },
      });
      expect(dig(created.body, 'supportEndedAt')).toBeUndefined();
      const again = await release('Mobile', '1');
      expect(again.status).toBe(200);
      expect(again.headers.get('location')).toBe(`${BASE}/released-versions/${uuid}`);
      expect(dig(again.body, 'uuid')).toBe(uuid);
    });

    it('keeps earlier releases supported: several versions may be in use at once', async () => {
      for (const version of ['1', '2']) {
        await publishVersion(t, 'Desktop', version);
        await release('Desktop', version);
      }
      expect(await supported('?pacticipant=Desktop')).toEqual(['Desktop 1', 'Desktop 2']);
    });

    it('makes a release whose support ended supported again', async () => {
      await publishVersion(t, 'Revived', '1');
      const uuid = dig((await release('Revived', '1')).body, 'uuid') as string;
      await endSupport(uuid);
      const again = await release('Revived', '1');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ uuid, currentlySupported: true });
      expect(dig(again.body, 'supportEndedAt')).toBeUndefined();
    });

    it('answers 415 to a body that is not JSON', async () => {
      await publishVersion(t, 'Typed', '1');
      const path = `/pacticipants/Typed/versions/1/released-versions/environment/${prod}`;
      expect((await t.request('POST', path, { body: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
      expect(await supported('?pacticipant=Typed')).toEqual([]);
    });

    it('answers 404 for an unknown version or environment', async () => {
      expect((await release('Mobile', '9')).status).toBe(404);
      expect((await t.json('POST', '/pacticipants/Mobile/versions/1/released-versions/environment/5678', { body: {} })).status).toBe(404);
    });

    it('shows the version release with GET', async () => {
      await publishVersion(t, 'Shown', '1');
      const empty = await t.json('GET', `/pacticipants/Shown/versions/1/released-versions/environment/${prod}`);
      expect(dig(empty.body, '_embedded', 'releasedVersions')).toEqual([]);
      const uuid = dig((await release('Shown', '1')).body, 'uuid');
      const { body } = await t.json('GET', `/pacticipants/Shown/versions/1/released-versions/environment/${prod}`);
      expect(dig(body, '_embedded', 'releasedVersions')).toEqual([expect.objectContaining({ uuid, currentlySupported: true })]);
      expect(dig(body, '_links', 'self', 'title')).toBe('Released versions for Shown version 1 in Production');
    });
  });

  describe('PATCH /released-versions/{uuid}', () => {
    it('records the end of support, which the version resource and the supported list then show', async () => {
      await publishVersion(t, 'Ended', '1');
      const uuid = dig((await release('Ended', '1')).body, 'uuid') as string;
      const { status, body } = await endSupport(uuid);
      expect(status).toBe(200);
      expect(body).toMatchObject({ uuid, currentlySupported: false, supportEndedAt: expect.stringMatching(/\+00:00$/) });
      expect(await supported('?pacticipant=Ended')).toEqual([]);
      const version = await t.json('GET', '/pacticipants/Ended/versions/1');
      expect(dig(version.body, '_links', 'pb:released-environments')).toEqual([
        { title: 'Version released to Production', name: 'Production', href: `${BASE}/released-versions/${uuid}`, currently_supported: false },
      ]);
    });

    it('refuses to make a release supported again with 422, with the Ruby broker text', async () => {
      await publishVersion(t, 'Refused', '1');
      const uuid = dig((await release('Refused', '1')).body, 'uuid') as string;
      const { status, body } = await t.json('PATCH', `/released-versions/${uuid}`, { body: { currentlySupported: true }, headers: MERGE_PATCH });
      expect(status).toBe(422);
      expect(body).toEqual({
        errors: { currentlySupported: ['The currentlySupported property cannot be set back to true. Please record a new deployment.'] },
      });
    });

    it('answers 415 to a plain JSON body and 404 to an unknown uuid', async () => {
      await publishVersion(t, 'Plain', '1');
      const uuid = dig((await release('Plain', '1')).body, 'uuid') as string;
      expect((await t.json('PATCH', `/released-versions/${uuid}`, { body: { currentlySupported: false } })).status).toBe(415);
      expect((await endSupport('5678')).status).toBe(404);
      expect(await supported('?pacticipant=Plain')).toEqual(['Plain 1']);
    });
  });

  describe('GET /environments/{uuid}/released-versions/currently-supported', () => {
    it('filters by pacticipant and version number', async () => {
      for (const [pacticipant, version] of [['FilterA', '1'], ['FilterA', '2'], ['FilterB', '2']] as const) {
        await publishVersion(t, pacticipant, version);
        await release(pacticipant, version);
      }
      expect(await supported('?pacticipant=FilterA&version=2')).toEqual(['FilterA 2']);
      expect((await supported('?version=2')).filter((entry) => entry.startsWith('Filter'))).toEqual(['FilterA 2', 'FilterB 2']);
      const { body } = await t.json('GET', `/environments/${prod}/released-versions/currently-supported`);
      expect(dig(body, '_links', 'self', 'title')).toBe('Currently supported versions in Production');
    });
  });
});
