import { describe, expect, it } from 'vitest';
import { BASE, dig, pactDocument, publishBody, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  const texts = (body: unknown) => ((dig(body, 'notices') ?? []) as { text: string }[]).map((notice) => notice.text);

  describe('POST /contracts/publish', () => {
    it('publishes and answers the shape the CLI deserializes, notices in order', async () => {
      const { status, headers, body } = await t.json('POST', '/contracts/publish', { body: publishBody() });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const pactUrl = `${BASE}/pacts/provider/Bar/consumer/Foo/version/1.0.0`;
      expect(dig(body, 'notices')).toEqual([
        { type: 'debug', text: 'Created Foo version 1.0.0 with branch main and tags dev' },
        { type: 'success', text: 'Pact successfully published for Foo version 1.0.0 and provider Bar.' },
        { type: 'debug', text: `  View the published pact at ${pactUrl}` },
        {
          type: 'debug',
          text: '  Events detected: contract_published, contract_content_changed (first time any pact published for this consumer with consumer version tagged dev)',
        },
        { type: 'prompt', text: '  Next steps:' },
        { type: 'prompt', text: '    * Add Pact verification tests to the Bar build. See https://docs.pact.io/go/provider_verification' },
        {
          type: 'prompt',
          text: '    * Configure separate Bar pact verification build and webhook to trigger it when the pact content changes. See https://docs.pact.io/go/webhooks',
        },
      ]);
      expect(dig(body, 'logs', 0)).toEqual({ level: 'debug', message: 'Created Foo version 1.0.0 with branch main and tags dev', deprecationWarning: 'Replaced by notices' });
      expect(dig(body, '_embedded')).toEqual({
        pacticipant: { name: 'Foo', _links: { self: { href: `${BASE}/pacticipants/Foo` } } },
        version: { number: '1.0.0', _links: { self: { title: 'Version', name: '1.0.0', href: `${BASE}/pacticipants/Foo/versions/1.0.0` } } },
      });
      expect(dig(body, '_links')).toEqual({
        'pb:pacticipant': { title: 'Pacticipant', name: 'Foo', href: `${BASE}/pacticipants/Foo` },
        'pb:pacticipant-version': { title: 'Pacticipant version', name: '1.0.0', href: `${BASE}/pacticipants/Foo/versions/1.0.0` },
        'pb:pacticipant-version-tags': [{ title: 'Tag', name: 'dev', href: `${BASE}/pacticipants/Foo/versions/1.0.0/tags/dev` }],
        'pb:contracts': [{ title: 'Pact', name: 'Pact between Foo (1.0.0) and Bar', href: pactUrl }],
      });
    });

    it('records build URL, branch (and branch head), tags, main branch and the pact', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody() });
      const version = await t.json('GET', '/pacticipants/Foo/versions/1.0.0');
      expect(version.body).toMatchObject({
        number: '1.0.0',
        buildUrl: 'http://ci/builds/1',
        _embedded: { branchVersions: [{ name: 'main', latest: true }], tags: [{ name: 'dev' }] },
        _links: { 'pb:pact-versions': [{ href: `${BASE}/pacts/provider/Bar/consumer/Foo/version/1.0.0` }] },
      });
      expect(dig((await t.json('GET', '/pacticipants/Foo')).body, 'mainBranch')).toBe('main');
      expect((await t.request('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0')).status).toBe(200);
    });

    it('prompts for a branch when none is given, and takes the first tag as branch', async () => {
      const { body } = await t.json('POST', '/contracts/publish', { body: publishBody({ branch: undefined }) });
      expect(texts(body).slice(0, 2)).toEqual([
        'Created Foo version 1.0.0 with tags dev',
        '  Next steps:\n    Configure the version branch to be the value of your repository branch.',
      ]);
      const version = await t.json('GET', '/pacticipants/Foo/versions/1.0.0');
      expect(dig(version.body, '_embedded', 'branchVersions', 0, 'name')).toBe('dev');
    });

    it('republishes identical content without a new revision', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody() });
      const { status, body } = await t.json('POST', '/contracts/publish', { body: publishBody() });
      expect(status).toBe(200);
      expect(texts(body)).toContain('Updated Foo version 1.0.0 with branch main and tags dev');
      expect(texts(body)).toContain('Pact successfully republished for Foo version 1.0.0 and provider Bar with no content changes.');
      expect(texts(body)).toContain('  Events detected: contract_published');
    });

    it('refuses changed content for an existing version with 409 and changes nothing', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody() });
      const changed = publishBody({ tags: ['other'] }, pactDocument('Foo', 'Bar', ['another request']));
      const { status, headers, body } = await t.json('POST', '/contracts/publish', { body: changed });
      expect(status).toBe(409);
      expect(headers.get('content-type')).toBe('application/json;charset=utf-8');
      const message =
        'Cannot change the content of the pact for Foo version 1.0.0 and provider Bar, as race conditions will cause unreliable results for can-i-deploy. Each pact must be published with a unique consumer version number. Some Pact libraries generate random data when a concrete value for a type matcher is not specified, and this can cause the contract to mutate - ensure you have given example values for all type matchers. For more information see https://docs.pact.io/go/versioning';
      expect(dig(body, 'errors')).toEqual({ contracts: [message] });
      expect(dig(body, 'notices', 0)).toEqual({ type: 'error', text: message });
      expect(dig(body, 'notices', 1, 'type')).toBe('info');
      expect(dig(body, 'notices', 1, 'text')).toMatch(/^- +"description": "a request for things",\n\+ +"description": "another request",$/m);
      const version = await t.json('GET', '/pacticipants/Foo/versions/1.0.0');
      expect(dig(version.body, '_embedded', 'tags')).toHaveLength(1);
    });

    it('merges with onConflict merge, which does not bypass the check for changed content (docs/broker-api.md#publishing-contracts)', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody() });
      const descriptions = async () =>
        ((dig((await t.json('GET', '/pacts/provider/Bar/consumer/Foo/version/1.0.0')).body, 'interactions') ?? []) as { description: string }[]).map(
          (interaction) => interaction.description,
        );
      const same = await t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument(), { onConflict: 'merge' }) });
      expect(same.status).toBe(200);
      expect(texts(same.body)).toContain('Pact content merged with existing content for Foo version 1.0.0 and provider Bar.');
      expect(await descriptions()).toEqual(['a request for things']);
      const changed = await t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument('Foo', 'Bar', ['another request']), { onConflict: 'merge' }) });
      expect(changed.status).toBe(409);
      expect(await descriptions()).toEqual(['a request for things']);
    });

    it('refuses a probable duplicate pacticipant name with 409', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody() });
      const { status, body } = await t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument('Foo', 'bar-service')) });
      expect(status).toBe(409);
      expect(String(dig(body, 'errors', 'contracts', 0))).toContain('The name "bar-service" is very similar to the following existing pacticipants:\n* Bar');
      expect((await t.request('GET', '/pacticipants/bar-service')).status).toBe(404);
    });

    it('answers validation errors with 400 and the Ruby broker texts', async () => {
      const { status, headers, body } = await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: undefined }) });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(body).toEqual({ errors: { pacticipantVersionNumber: ['is missing'] } });
    });

    it('treats an empty body as an empty object', async () => {
      const { status, body } = await t.json('POST', '/contracts/publish', { body: '' , headers: { 'content-type': 'application/json' } });
      expect(status).toBe(400);
      expect(body).toEqual({ errors: { pacticipantName: ['is missing'], pacticipantVersionNumber: ['is missing'], contracts: ['is missing'] } });
    });

    it('orders versions by creation, never by their number', async () => {
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '10.0.0' }) });
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '9.0.0' }, pactDocument('Foo', 'Bar', ['changed'])) });
      const response = await t.request('GET', '/pacts/provider/Bar/consumer/Foo/latest');
      expect(response.headers.get('x-pact-consumer-version')).toBe('9.0.0');
    });
  });

  // On PostgreSQL these run on several connections at once; the unique constraints would answer 500 to a lost race.
  describe('simultaneous publications for one pacticipant', () => {
    it('give each new version its own order', async () => {
      const numbers = ['1', '2', '3', '4', '5', '6'];
      const results = await Promise.all(
        numbers.map((number) => t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: number }, pactDocument('Foo', 'Bar', [`request ${number}`])) })),
      );
      expect(results.map((result) => result.status)).toEqual(numbers.map(() => 200));
      const versions = await t.json('GET', '/pacticipants/Foo/versions');
      expect(((dig(versions.body, '_embedded', 'versions') ?? []) as { number: string }[]).map((version) => version.number).sort()).toEqual(numbers);
      const latest = await t.request('GET', '/pacts/provider/Bar/consumer/Foo/latest');
      expect(numbers).toContain(latest.headers.get('x-pact-consumer-version'));
    });

    it('create a new version once', async () => {
      // An existing pacticipant: creating it would already make the requests wait for each other.
      await t.json('POST', '/contracts/publish', { body: publishBody({ pacticipantVersionNumber: '0.9.0' }) });
      const results = await Promise.all([1, 2, 3, 4].map(() => t.json('POST', '/contracts/publish', { body: publishBody() })));
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
      const created = results.filter((result) => texts(result.body).includes('Created Foo version 1.0.0 with branch main and tags dev'));
      expect(created).toHaveLength(1);
    });
  });
});
