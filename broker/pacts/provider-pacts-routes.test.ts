import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publishProviderPacts } from '../test-support/provider-pacts-fixture.js';

const PACT_OF = (consumer: string, version: string) => `${BASE}/pacts/provider/Bar/consumer/${consumer}/version/${version}`;

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });
  beforeAll(async () => {
    await publishProviderPacts(t);
    await t.json('POST', '/pacticipants', { body: { name: 'Lonely' } });
  });

  /** The consumer and version of each `pb:pacts` link, checking that `pacts` carries the same links. */
  async function listed(path: string): Promise<string[]> {
    const { status, body } = await t.json('GET', path);
    expect(status).toBe(200);
    const links = dig(body, '_links', 'pb:pacts') as { href: string; name: string }[];
    expect((dig(body, '_links', 'pacts') as { href: string }[]).map((link) => link.href)).toEqual(links.map((link) => link.href));
    return links.map((link) => `${link.name} ${link.href.split('/').at(-1) ?? ''}`);
  }

  describe('provider pact collections', () => {
    it.each([
      ['/pacts/provider/Bar', ['Foo 1', 'Foo 2', 'Foo 3', 'zoo 1']],
      ['/pacts/provider/Bar/tag/dev', ['Foo 2', 'Foo 3']],
      ['/pacts/provider/Bar/latest', ['Foo 3', 'zoo 1']],
      ['/pacts/provider/Bar/latest/prod', ['Foo 1']],
      ['/pacts/provider/Bar/latest/dev', ['Foo 3']],
      ['/pacts/provider/Bar/branch', ['Foo 1', 'Foo 2', 'zoo 1']],
      ['/pacts/provider/Bar/branch/latest', []],
      ['/pacts/provider/Bar/branch/feat%2Fx', ['Foo 3']],
      ['/pacts/provider/Bar/branch/feat%2Fx/latest', ['Foo 3']],
      ['/pacts/provider/Other/branch/latest', ['Foo 4', 'zoo 2']],
      ['/pacts/provider/Lonely/latest', []],
    ])('%s lists %j', async (path, expected) => {
      expect(await listed(path)).toEqual(expected);
    });

    it('answers the verifier\'s old flow with pb:pacts, the deprecated pacts and the provider', async () => {
      const { status, headers, body } = await t.json('GET', '/pacts/provider/Bar/latest');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      const title = (consumer: string, version: string) => `Pact between ${consumer} (${version}) and Bar`;
      expect(body).toEqual({
        _links: {
          self: { href: `${BASE}/pacts/provider/Bar/latest`, title: 'Latest pact versions for the provider Bar' },
          'pb:provider': { href: `${BASE}/pacticipants/Bar`, name: 'Bar' },
          'pb:pacts': [
            { href: PACT_OF('Foo', '3'), title: title('Foo', '3'), name: 'Foo' },
            { href: PACT_OF('zoo', '1'), title: title('zoo', '1'), name: 'zoo' },
          ],
          provider: { href: `${BASE}/pacticipants/Bar`, title: 'Bar', name: 'DEPRECATED - please use the pb:provider relation' },
          pacts: [
            { href: PACT_OF('Foo', '3'), title: `DEPRECATED - please use the pb:pacts relation. ${title('Foo', '3')}`, name: 'Foo' },
            { href: PACT_OF('zoo', '1'), title: `DEPRECATED - please use the pb:pacts relation. ${title('zoo', '1')}`, name: 'zoo' },
          ],
        },
      });
    });

    it.each([
      ['/pacts/provider/Bar', 'All pact versions for the provider Bar'],
      ['/pacts/provider/Bar/tag/dev', "All pact versions for the provider Bar with consumer version tag 'dev'"],
      ['/pacts/provider/Bar/latest/dev', "Latest pact versions for the provider Bar with consumer version tag 'dev'"],
      ['/pacts/provider/Bar/branch', 'All pact versions for the provider Bar'],
      ['/pacts/provider/Bar/branch/latest', 'Latest pact versions for the provider Bar'],
      ['/pacts/provider/Bar/branch/feat%2Fx', "All pact versions for the provider Bar with consumer version branch 'feat/x'"],
      ['/pacts/provider/Bar/branch/feat%2Fx/latest', "Latest pact versions for the provider Bar with consumer version branch 'feat/x'"],
    ])('%s is titled %j and links itself', async (path, title) => {
      expect(dig((await t.json('GET', path)).body, '_links', 'self')).toEqual({ href: `${BASE}${path}`, title });
    });

    it.each([['/pacts/provider/Nope'], ['/pacts/provider/Nope/latest'], ['/pacts/provider/Nope/latest/dev'], ['/pacts/provider/Nope/branch/main/latest']])(
      '%s answers 404 naming the provider',
      async (path) => {
        const { status, headers, body } = await t.json('GET', path);
        expect(status).toBe(404);
        expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
        expect(body).toEqual({ error: "No provider with name 'Nope' found" });
      },
    );
  });

  describe('pact versions of one integration', () => {
    /** The consumer versions of `_embedded.pacts`, checking `pact-versions` and `pb:pacts` link the same pacts. */
    async function versions(path: string): Promise<string[]> {
      const { status, body } = await t.json('GET', path);
      expect(status).toBe(200);
      const hrefs = (dig(body, '_embedded', 'pacts') as unknown[]).map((pact) => dig(pact, '_links', 'self', 'href'));
      expect((dig(body, '_links', 'pact-versions') as { href: string }[]).map((link) => link.href)).toEqual(hrefs);
      expect((dig(body, '_links', 'pb:pacts') as { href: string }[]).map((link) => link.href)).toEqual(hrefs);
      return (dig(body, '_embedded', 'pacts') as unknown[]).map((pact) => dig(pact, '_embedded', 'consumerVersion', 'number') as string);
    }

    it.each([
      ['/pacts/provider/Bar/consumer/Foo/branch/versions', ['1', '2']],
      ['/pacts/provider/Bar/consumer/Foo/branch', ['1', '2']],
      ['/pacts/provider/Bar/consumer/Foo/branch/latest/versions', []],
      ['/pacts/provider/Bar/consumer/zoo/branch/latest', []],
      ['/pacts/provider/Other/consumer/Foo/branch/latest', ['4']],
      ['/pacts/provider/Bar/consumer/Foo/branch/feat%2Fx', ['3']],
      ['/pacts/provider/Bar/consumer/Foo/branch/feat%2Fx/latest/versions', ['3']],
      ['/pacts/provider/Bar/consumer/zoo/branch/feat%2Fx', []],
    ])('%s holds versions %j', async (path, expected) => {
      expect(await versions(path)).toEqual(expected);
    });

    it('decorates each pact version as the Ruby broker does', async () => {
      const { body } = await t.json('GET', '/pacts/provider/Bar/consumer/Foo/branch/feat%2Fx');
      const pactHref = PACT_OF('Foo', '3');
      expect(body).toEqual({
        _embedded: {
          pacts: [
            {
              createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
              _embedded: {
                consumerVersion: { number: '3', _links: { self: { title: 'Version', name: '3', href: `${BASE}/pacticipants/Foo/versions/3` } } },
              },
              _links: { self: { href: pactHref, title: 'Pact between Foo (3) and Bar' } },
            },
          ],
        },
        _links: {
          self: { href: `${BASE}/pacts/provider/Bar/consumer/Foo/branch/feat%2Fx`, title: 'All versions of the pact between Foo and Bar' },
          consumer: { href: `${BASE}/pacticipants/Foo`, title: 'Consumer', name: 'Foo' },
          provider: { href: `${BASE}/pacticipants/Bar`, title: 'Provider', name: 'Bar' },
          'pact-versions': [{ href: pactHref, title: 'Pact', name: expect.stringMatching(/^Version 3 - \d\d\/\d\d\/\d{4}$/) }],
          'pb:pacts': [{ href: pactHref, title: 'Pact between Foo (3) and Bar', name: 'Foo' }],
        },
      });
    });

    it.each([
      ['/pacts/provider/Bar/consumer/Nobody/branch/main', "No consumer with name 'Nobody' found"],
      ['/pacts/provider/Nope/consumer/Nobody/branch/versions', "No consumer with name 'Nobody' found"],
      ['/pacts/provider/Nope/consumer/Foo/branch/latest/versions', "No provider with name 'Nope' found"],
    ])('%s answers 404: %s', async (path, error) => {
      const { status, body } = await t.json('GET', path);
      expect(status).toBe(404);
      expect(body).toEqual({ error });
    });
  });
});
