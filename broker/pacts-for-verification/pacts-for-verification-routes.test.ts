import { beforeEach, describe, expect, it } from 'vitest';
import { decodeMetadata } from '../pacts/index.js';
import { BASE, dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { publish } from '../test-support/verification-history-fixture.js';

const PATH = '/pacts/provider/Bar/for-verification';
const SELF = { href: `${BASE}${PATH}`, title: 'Pacts to be verified' };
const PROVIDER_BRANCH_EMPTY =
  'when pending or WIP pacts are enabled and there are no tags provided, the provider version branch must not be an empty string, as it is used in the calculations for WIP/pending. A value must be provided (recommended), or it must not be set at all.';
const REQUIRED = 'must specify a value for environment or tag or branch, or specify mainBranch=true, matchingBranch=true, latest=true, deployed=true, released=true or deployedOrReleased=true';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);
  beforeEach(async () => {
    await publish(t, 'Web', '1', { branch: 'main', tags: [] }, 'A');
    await t.json('POST', '/environments', { body: { name: 'test', production: false } });
  });

  describe('GET', () => {
    it('is found from the index and answers its self link, verifying the defaults with the deprecation warning', async () => {
      const index = await t.json('GET', '/');
      expect(dig(index.body, '_links', 'pb:provider-pacts-for-verification', 'href')).toBe(`${BASE}/pacts/provider/{provider}/for-verification`);
      const { status, headers, body } = await t.json('GET', PATH);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(dig(body, '_links', 'self')).toEqual(SELF);
      expect(dig(body, '_embedded', 'pacts', 0, 'shortDescription')).toBe('latest from main branch');
      expect(String(dig(body, '_embedded', 'pacts', 0, 'verificationProperties', 'notices', 0, 'text'))).toMatch(/^WARNING - this version of the Pact library uses a beta version/);
    });

    it.each([['GET'], ['POST']])('%s answers 404 for an unknown provider', async (method) => {
      const { status } = await t.json(method, '/pacts/provider/Nope/for-verification', { body: method === 'POST' ? {} : undefined });
      expect(status).toBe(404);
    });
  });

  describe('POST', () => {
    it('answers each pact with its description, pending status, notices and a self link carrying its metadata', async () => {
      const body = { consumerVersionSelectors: [{ mainBranch: true }], providerVersionBranch: 'main', includePendingStatus: true };
      const { status, body: answer } = await t.json('POST', PATH, { body });
      expect(status).toBe(200);
      const sha = String(dig((await t.json('GET', '/pacts/provider/Bar/consumer/Web/version/1')).body, '_links', 'pb:pact-version', 'name'));
      const permalink = `${BASE}/pacts/provider/Bar/consumer/Web/pact-version/${sha}`;
      const pending = "any version of Bar from branch 'main'";
      expect(answer).toEqual({
        _embedded: {
          pacts: [
            {
              shortDescription: 'latest from main branch',
              verificationProperties: {
                pending: true,
                notices: [
                  {
                    when: 'before_verification',
                    text: `The pact at ${permalink} is being verified because the pact content belongs to the consumer version matching the following criterion:\n    * latest version from the main branch 'main' (1)`,
                  },
                  {
                    when: 'before_verification',
                    text: "This pact is in pending state for this version of Bar because a successful verification result for a version of Bar from branch 'main' has not yet been published. If this verification fails, it will not cause the overall build to fail. Read more at https://docs.pact.io/go/pending",
                  },
                  {
                    when: 'after_verification:success_true_published_false',
                    text: `This pact is still in pending state for ${pending} as the successful verification results have not yet been published.`,
                  },
                  {
                    when: 'after_verification:success_false_published_false',
                    text: `This pact is still in pending state for ${pending} as a successful verification result has not yet been published`,
                  },
                  {
                    when: 'after_verification:success_true_published_true',
                    text: `This pact is no longer in pending state for ${pending}, as a successful verification result has been published. If a verification for a version of Bar fails in the future, it will fail the build. Read more at https://docs.pact.io/go/pending`,
                  },
                  {
                    when: 'after_verification:success_false_published_true',
                    text: `This pact is still in pending state for ${pending} as a successful verification result has not yet been published`,
                  },
                ],
              },
              _links: { self: { href: expect.stringMatching(new RegExp(`^${permalink}/metadata/[A-Za-z0-9_-]+$`)), name: 'Pact between Web (1) and Bar' } },
            },
          ],
        },
        _links: { self: SELF },
      });
      const metadata = String(dig(answer, '_embedded', 'pacts', 0, '_links', 'self', 'href')).split('/metadata/')[1] ?? '';
      const consumerVersionId = decodeMetadata(metadata).selectors?.[0]?.consumerVersionId;
      expect(decodeMetadata(metadata)).toEqual({ selectors: [{ latest: true, consumerVersionId }], pending: true });
      expect(consumerVersionId).toEqual(expect.any(Number));
    });

    it('leaves out the pending status and its notices when not asked for', async () => {
      const { body } = await t.json('POST', PATH, { body: { consumerVersionSelectors: [{ latest: true }], includePendingStatus: false } });
      expect(dig(body, '_embedded', 'pacts', 0, 'verificationProperties')).toEqual({ notices: [expect.objectContaining({ when: 'before_verification' })] });
    });

    it('accepts an empty branch when tags are given', async () => {
      const body = { consumerVersionSelectors: [], providerVersionBranch: '', providerVersionTags: ['main'], includePendingStatus: true };
      expect((await t.json('POST', PATH, { body })).status).toBe(200);
    });

    it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
      ['an empty provider branch with pending and no tags (the Rust verifier’s test)', { consumerVersionSelectors: [], providerVersionBranch: '', includePendingStatus: true }, { providerVersionBranch: [PROVIDER_BRANCH_EMPTY] }],
      ['an empty provider branch with WIP and no tags', { providerVersionBranch: '', includePendingStatus: false, includeWipPactsSince: '2024-01-01' }, { providerVersionBranch: [PROVIDER_BRANCH_EMPTY] }],
      ['a blank provider branch', { providerVersionBranch: ' ', includePendingStatus: false }, { providerVersionBranch: ['cannot be blank'] }],
      ['a provider branch that is not a string', { providerVersionBranch: 1 }, { providerVersionBranch: ['must be a string'] }],
      ['provider tags that are not an array', { providerVersionTags: 'main' }, { providerVersionTags: ['must be an array'] }],
      ['selectors that are not an array', { consumerVersionSelectors: true }, { consumerVersionSelectors: ['must be an array'] }],
      ['a selector that is not an object', { consumerVersionSelectors: ['x'] }, { consumerVersionSelectors: ['must be a hash (at index 0)'] }],
      ['a pending flag that is not a boolean', { includePendingStatus: 'yes' }, { includePendingStatus: ['must be one of: true, false'] }],
      ['a WIP date that is not a date', { includeWipPactsSince: 'foo' }, { includeWipPactsSince: ['must be a date'] }],
      ['an empty selector', { consumerVersionSelectors: [{ latest: true }, {}] }, { consumerVersionSelectors: [`${REQUIRED} (at index 1)`] }],
      ['mainBranch with latest=false', { consumerVersionSelectors: [{ mainBranch: true, latest: false }] }, { consumerVersionSelectors: ['cannot specify mainBranch=true with latest=false (at index 0)'] }],
      ['mainBranch with a tag', { consumerVersionSelectors: [{ mainBranch: true, tag: 'x' }] }, { consumerVersionSelectors: ['cannot specify mainBranch=true with any other criteria apart from consumer (at index 0)'] }],
      ['matchingBranch without a provider branch', { consumerVersionSelectors: [{ matchingBranch: true }] }, { consumerVersionSelectors: ['the providerVersionBranch must be specified when the selector matchingBranch=true is used (at index 0)'] }],
      ['a tag and a branch', { consumerVersionSelectors: [{ tag: 'a', branch: 'b' }] }, { consumerVersionSelectors: ['cannot specify both a tag and a branch (at index 0)'] }],
      ['latest with an environment', { consumerVersionSelectors: [{ latest: true, environment: 'test' }] }, { consumerVersionSelectors: ['cannot specify the field latest with the field environment (at index 0)'] }],
      ['branch keys with environment keys', { consumerVersionSelectors: [{ latest: true, tag: 'x', deployed: true, environment: 'test' }] }, { consumerVersionSelectors: ['cannot specify the fields latest/tag with the fields deployed/environment (at index 0)'] }],
      ['an unknown environment', { consumerVersionSelectors: [{ environment: 'nope' }] }, { consumerVersionSelectors: ["environment with name 'nope' does not exist (at index 0)"] }],
      ['deployed=false', { consumerVersionSelectors: [{ deployed: false }] }, { consumerVersionSelectors: ['deployed must be one of: true (at index 0)'] }],
      ['deployed=null', { consumerVersionSelectors: [{ deployed: null }] }, { consumerVersionSelectors: ['deployed must be filled (at index 0)'] }],
      ['deployed and released', { consumerVersionSelectors: [{ deployed: true, released: true }] }, { consumerVersionSelectors: ['cannot specify both deployed=true and released=true (at index 0)'] }],
      ['a fallback tag without latest', { consumerVersionSelectors: [{ tag: 'x', fallbackTag: 'y' }] }, { consumerVersionSelectors: ['fallbackTag can only be set if latest is true (at index 0)'] }],
      ['a fallback tag without tag', { consumerVersionSelectors: [{ latest: true, fallbackTag: 'y' }] }, { consumerVersionSelectors: ['a tag must be specified when a fallbackTag is specified (at index 0)'] }],
      ['a fallback branch without branch', { consumerVersionSelectors: [{ latest: true, fallbackBranch: 'y' }] }, { consumerVersionSelectors: ['a branch must be specified when a fallbackBranch is specified (at index 0)'] }],
      ['a branch with latest=false', { consumerVersionSelectors: [{ branch: 'x', latest: false }] }, { consumerVersionSelectors: ['cannot specify a branch with latest=false (at index 0)'] }],
      ['branch=false', { consumerVersionSelectors: [{ branch: false }] }, { consumerVersionSelectors: ['branch must be a string or branch must be equal to true (at index 0)'] }],
      [
        'a blank consumer and a fallback tag without latest',
        { consumerVersionSelectors: [{ consumer: ' ', tag: 'x', fallbackTag: 'y' }] },
        { consumerVersionSelectors: ['consumer cannot be blank (at index 0)', 'fallbackTag can only be set if latest is true (at index 0)'] },
      ],
    ])('refuses %s with 400 and the Ruby broker’s errors', async (_, body, errors) => {
      const answer = await t.json('POST', PATH, { body });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errors });
    });

    it('refuses a body that is not JSON with 415, and malformed JSON with 400', async () => {
      expect((await t.request('POST', PATH, { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
      expect((await t.request('POST', PATH, { body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    });
  });
});
