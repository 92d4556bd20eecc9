import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  async function publishAndVerify(consumerVersion: string, providerVersion: string | undefined, success = true): Promise<void> {
    const pact = await t.json('PUT', `/pacts/provider/Bar/consumer/Foo/version/${consumerVersion}`, { body: pactDocument('Foo', 'Bar', [consumerVersion]) });
    if (providerVersion === undefined) return;
    const href = String(dig(pact.body, '_links', 'pb:publish-verification-results', 'href')).slice(BASE.length);
    await t.json('POST', href, { body: { success, providerApplicationVersion: providerVersion } });
  }

  describe('GET /matrix', () => {
    it('answers validation errors as a list', async () => {
      const { status, headers, body } = await t.json('GET', '/matrix?q[][pacticipant]=Nobody&q[][version]=1&latestby=cvp&latest=true');
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(body).toEqual({ errors: ['Pacticipant Nobody not found'] });
    });

    it('shows every verification between two pacticipants without latestby, newest consumer version first', async () => {
      await publishAndVerify('1', 'b1');
      await publishAndVerify('2', 'b1', false);
      await publishAndVerify('2', 'b2');
      const { status, body } = await t.json('GET', '/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar');
      expect(status).toBe(200);
      const lines = (dig(body, 'matrix') as unknown[]).map((line) => [
        dig(line, 'consumer', 'version', 'number'),
        dig(line, 'provider', 'version', 'number'),
        dig(line, 'verificationResult', 'success'),
      ]);
      expect(lines).toEqual([
        ['2', 'b2', true],
        ['2', 'b1', false],
        ['1', 'b1', true],
      ]);
      expect(dig(body, 'summary', 'deployable')).toBe(false);
      expect(dig(body, 'matrix', 0, 'pact', '_links', 'self', 'href')).toBe(`${BASE}/pacts/provider/Bar/consumer/Foo/version/2`);
    });

    it('keeps only the newest provider version per consumer version with latestby=cvp', async () => {
      await publishAndVerify('1', 'b1', false);
      await publishAndVerify('1', 'b2');
      const { body } = await t.json('GET', '/matrix?q[][pacticipant]=Foo&q[][version]=1&latestby=cvp&latest=true');
      expect((dig(body, 'matrix') as unknown[]).map((line) => dig(line, 'provider', 'version', 'number'))).toEqual(['b2']);
      expect(dig(body, 'summary', 'deployable')).toBe(true);
      expect(dig(body, 'notices', 0, 'type')).toBe('warning');
    });

    it('finds an old version among many by its indexes, beyond the row limit', async () => {
      await publishAndVerify('1', 'b1');
      for (let version = 2; version <= 150; version += 1) await publishAndVerify(String(version), undefined);
      const { body } = await t.json('GET', '/matrix?q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar&q[][version]=b1&latestby=cvpv');
      expect(dig(body, 'summary')).toMatchObject({ deployable: true, success: 1 });
      const latest = await t.json('GET', '/matrix?q[][pacticipant]=Foo&q[][latest]=true&q[][pacticipant]=Bar&q[][version]=b1&latestby=cvpv');
      expect(dig(latest.body, 'summary', 'reason')).toContain('There is no verified pact between the latest version of Foo (150) and version b1 of Bar');
    });
  });

  // RB matrix_for_consumer_and_provider.rb: `matrix_service.find_for_consumer_and_provider`, the two
  // pacticipants as name-only selectors, decorated by matrix_decorator.rb as /matrix is.
  describe('GET /matrix/provider/{p}/consumer/{c}', () => {
    it('answers every version pair of the integration, as /matrix does for the two names', async () => {
      await publishAndVerify('1', 'b1');
      await publishAndVerify('2', undefined);
      const { status, headers, body } = await t.json('GET', '/matrix/provider/Bar/consumer/Foo');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const lines = (dig(body, 'matrix') as unknown[]).map((line) => [dig(line, 'consumer', 'version', 'number'), dig(line, 'provider', 'version', 'number'), dig(line, 'verificationResult', 'success')]);
      expect(lines).toEqual([
        ['2', undefined, undefined],
        ['1', 'b1', true],
      ]);
      expect(dig(body, 'matrix', 0, 'provider', 'version')).toBeNull();
      expect(dig(body, 'summary')).toMatchObject({ deployable: null, success: 1, failed: 0, unknown: 1 });
      expect(body).toEqual((await t.json('GET', '/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar')).body);
    });

    it('takes the options of /matrix', async () => {
      await publishAndVerify('1', 'b1');
      await publishAndVerify('1', 'b2', false);
      const { body } = await t.json('GET', '/matrix/provider/Bar/consumer/Foo?success[]=true');
      expect((dig(body, 'matrix') as unknown[]).map((line) => dig(line, 'provider', 'version', 'number'))).toEqual(['b1']);
    });

    it('answers 400 with the option errors before 404 for a pacticipant that does not exist', async () => {
      await publishAndVerify('1', undefined);
      expect(await t.json('GET', '/matrix/provider/Nobody/consumer/Foo?limit=0')).toMatchObject({ status: 400, body: { errors: ['The limit must be 1 or greater.'] } });
      expect(await t.json('GET', '/matrix/provider/Nobody/consumer/Foo')).toMatchObject({ status: 404, body: { error: "No provider with name 'Nobody' found" } });
      expect(await t.json('GET', '/matrix/provider/Nobody/consumer/Nope')).toMatchObject({ status: 404, body: { error: "No consumer with name 'Nope' found" } });
      expect((await t.request('POST', '/matrix/provider/Bar/consumer/Foo')).status).toBe(405);
    });
  });

  describe('GET /can-i-deploy', () => {
    beforeEach(async () => {
      await publishAndVerify('1', 'b1');
      await t.json('PUT', '/pacticipants/Bar/versions/b1/tags/prod', { body: {} });
    });

    it.each([
      ['1', true, 'All required verification results are published and successful'],
      ['9', false, 'No pacts or verifications have been published for version 9 of Foo'],
    ])('answers for version %s to a tag', async (version, deployable, reason) => {
      const { status, body } = await t.json('GET', `/can-i-deploy?pacticipant=Foo&version=${version}&to=prod`);
      expect(status).toBe(200);
      expect(dig(body, 'summary', 'deployable')).toBe(deployable);
      expect(dig(body, 'summary', 'reason')).toBe(reason);
    });

    it('refuses a query without a destination', async () => {
      const { status, body } = await t.json('GET', '/can-i-deploy?pacticipant=Foo&version=1');
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { '': ["Must specify either an environment or a 'to' tag."] } });
    });
  });
});
