import { describe, expect, it } from 'vitest';
import { pactDocument, publishBody } from '../test-support/test-broker.js';
import { validatePublishContracts } from './publish-contracts-schema.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const contract = (overrides: Record<string, unknown>) => publishBody({}, pactDocument(), overrides);

describe('validatePublishContracts', () => {
  it('accepts the body the CLI sends and decodes its content', () => {
    const result = validatePublishContracts(publishBody());
    expect(result).toMatchObject({
      valid: true,
      value: { pacticipantName: 'Foo', pacticipantVersionNumber: '1.0.0', branch: 'main', tags: ['dev'], contracts: [{ providerName: 'Bar', merge: false }] },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ['a missing version number', publishBody({ pacticipantVersionNumber: undefined }), { pacticipantVersionNumber: ['is missing'] }],
    ['an empty pacticipant name', publishBody({ pacticipantName: '' }), { pacticipantName: ['must be filled'] }],
    [
      'a blank pacticipant name',
      publishBody({ pacticipantName: '  ' }),
      { pacticipantName: ['cannot be blank'], contracts: ["consumerName ('Foo') must match pacticipantName ('  ') (at index 0)"] },
    ],
    ['a numeric version number', publishBody({ pacticipantVersionNumber: 12 }), { pacticipantVersionNumber: ['must be a string'] }],
    ['a multi-line version number', publishBody({ pacticipantVersionNumber: '1\n2' }), { pacticipantVersionNumber: ['cannot contain multiple lines'] }],
    ['an empty tag', publishBody({ tags: ['ok', ''] }), { tags: ['must be filled (at index 1)'] }],
    ['a blank tag', publishBody({ tags: [' '] }), { tags: ['cannot be blank (at index 0)'] }],
    ['tags that are not an array', publishBody({ tags: 'dev' }), { tags: ['must be an array'] }],
    ['a blank branch', publishBody({ branch: ' ' }), { branch: ['cannot be blank'] }],
    ['a multi-line build URL', publishBody({ buildUrl: 'a\nb' }), { buildUrl: ['cannot contain multiple lines'] }],
    ['missing contracts', publishBody({ contracts: undefined }), { contracts: ['is missing'] }],
    ['contracts that are not an array', publishBody({ contracts: 'x' }), { contracts: ['must be an array'] }],
    ['a contract that is not an object', publishBody({ contracts: ['x'] }), { contracts: ['must be a hash (at index 0)'] }],
    ['a wrong content type', contract({ contentType: 'text/plain' }), { contracts: ['contentType must be one of: application/json (at index 0)'] }],
    ['a wrong specification', contract({ specification: 'oas' }), { contracts: ['specification must be one of: pact (at index 0)'] }],
    ['a wrong onConflict', contract({ onConflict: 'replace' }), { contracts: ['onConflict must be one of: overwrite, merge (at index 0)'] }],
    [
      'a blank provider name',
      contract({ providerName: ' ' }),
      {
        contracts: [
          'providerName cannot be blank (at index 0)',
          "provider name in contract content ('Bar') must match providerName in contract params (' ') (at index 0)",
        ],
      },
    ],
    [
      'content that is not base64',
      contract({ content: 'not base64!' }),
      { contracts: ['is not valid Base64 (at index 0)', 'content could not be parsed as application/json (at index 0)'] },
    ],
    ['content that is not JSON', contract({ content: base64('{nope') }), { contracts: ['content could not be parsed as application/json (at index 0)'] }],
    ['content that is a JSON array', contract({ content: base64('[1]') }), { contracts: ['parsed content was expected to be a Hash but was a Array (at index 0)'] }],
    [
      'content with a non UTF-8 byte',
      contract({ content: Buffer.from([0x7b, 0x22, 0x61, 0x8f, 0x22, 0x7d]).toString('base64') }),
      {
        contracts: [
          "contract content has a non UTF-8 character at char 4 and cannot be parsed as JSON. Fragment preceding invalid character is: '{\"a' (at index 0)",
          'content could not be parsed as application/json (at index 0)',
        ],
      },
    ],
    [
      'a consumer name in the content that differs',
      contract({ content: base64(JSON.stringify(pactDocument('WRONG', 'Bar'))) }),
      { contracts: ["consumer name in contract content ('WRONG') must match consumerName in contract params ('Foo') (at index 0)"] },
    ],
    [
      'a provider name in the content that differs',
      contract({ content: base64(JSON.stringify(pactDocument('Foo', 'WRONG'))) }),
      { contracts: ["provider name in contract content ('WRONG') must match providerName in contract params ('Bar') (at index 0)"] },
    ],
    [
      'a consumer name that differs from the pacticipant name',
      publishBody({ pacticipantName: 'Other' }),
      { contracts: ["consumerName ('Foo') must match pacticipantName ('Other') (at index 0)"] },
    ],
    [
      'a contract missing every field',
      publishBody({ contracts: [{}] }),
      {
        contracts: [
          'consumerName is missing (at index 0)',
          'providerName is missing (at index 0)',
          'content is missing (at index 0)',
          'contentType is missing (at index 0)',
          'specification is missing (at index 0)',
          'is not valid Base64 (at index 0)',
        ],
      },
    ],
  ])('rejects %s', (_, body, errors) => {
    expect(validatePublishContracts(body)).toEqual({ valid: false, errors });
  });

  it('decodes content of many megabytes (issue 11: the Base64 check overflowed the stack beyond ~6 MB, a 500)', () => {
    const pact = pactDocument();
    pact.padding = 'x'.repeat(12 * 1024 * 1024);
    expect(validatePublishContracts(contract({ content: base64(JSON.stringify(pact)) }))).toMatchObject({ valid: true });
  });

  it.each(['QQ', 'QQ=', 'Q===', 'QUJD=', 'QQ==QQ==', ' QUJD'])('refuses %j as Base64, as strict_decode64', (content) => {
    expect(validatePublishContracts(contract({ content }))).toMatchObject({ valid: false, errors: { contracts: expect.arrayContaining(['is not valid Base64 (at index 0)']) } });
  });

  it('reads onConflict merge', () => {
    expect(validatePublishContracts(contract({ onConflict: 'merge' }))).toMatchObject({ valid: true, value: { contracts: [{ merge: true }] } });
  });
});
