import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { generatePactJson, parsePactJson, rubyFloatText } from './ruby-json.js';

// Ruby's Float#to_s, which the json gem writes for a Float (1.0 stays 1.0; exponent form below 1e-4 and from 1e16).
describe('rubyFloatText (Float#to_s)', () => {
  it.each([
    [1, '1.0'],
    [1.5, '1.5'],
    [1000, '1000.0'],
    [-2.25, '-2.25'],
    [0.1, '0.1'],
    [0.0001, '0.0001'],
    [0.00001, '1.0e-05'],
    [1e15, '1000000000000000.0'],
    [1e16, '1.0e+16'],
    [1.2345e20, '1.2345e+20'],
    [123456789.123, '123456789.123'],
    [0, '0.0'],
  ])('%d is %s', (value, text) => {
    expect(rubyFloatText(value)).toBe(text);
  });
});

describe('parsePactJson and generatePactJson', () => {
  it('keep floats Floats and integers Integers, whatever the strings hold', () => {
    const text = '{"a":1.0,"b":1.50,"c":1e3,"d":2,"e":"1.0 in a \\"string\\" 2e5","f":[-0.5E-7,10]}';
    expect(generatePactJson(parsePactJson(text))).toBe('{"a":1.0,"b":1.5,"c":1000.0,"d":2,"e":"1.0 in a \\"string\\" 2e5","f":[-5.0e-08,10]}');
  });
});

/** A pact whose response body holds 1.0, 1.50 and 1e3, as text: JavaScript's JSON would write them 1, 1.5 and 1000. */
const PACT_TEXT =
  '{"consumer":{"name":"Foo"},"provider":{"name":"Bar"},"interactions":[{"description":"a","request":{"method":"GET","path":"/"},' +
  '"response":{"status":200,"body":{"a":1.0,"b":1.50,"c":1e3}}}],"metadata":{"pactSpecification":{"version":"2.0.0"}}}';

/**
 * The SHA the Ruby broker gives it (pacts/generate_sha.rb, content.rb `content_that_affects_verification_results`,
 * sort_content.rb): SHA1 of the sorted interactions and the specification version, as Ruby's to_json writes them.
 */
const RUBY_SHA = createHash('sha1')
  .update('{"interactions":[{"description":"a","request":{"method":"GET","path":"/"},"response":{"body":{"a":1.0,"b":1.5,"c":1000.0},"status":200}}],"pact_specification_version":"2.0.0"}')
  .digest('hex');

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  describe('a pact holding floats (team issue 14)', () => {
    it('gets the Ruby broker’s SHA and keeps its floats, published with PUT', async () => {
      const put = await t.request('PUT', '/pacts/provider/Bar/consumer/Foo/version/1', { body: PACT_TEXT });
      expect(put.status).toBe(201);
      const response = await t.request('GET', '/pacts/provider/Bar/consumer/Foo/version/1');
      const text = await response.text();
      expect(text).toContain('"body":{"a":1.0,"b":1.5,"c":1000.0}');
      expect(dig(JSON.parse(text), '_links', 'pb:pact-version', 'name')).toBe(RUBY_SHA);
    });

    it('gets the same SHA through POST /contracts/publish', async () => {
      const body = {
        pacticipantName: 'Foo',
        pacticipantVersionNumber: '2',
        branch: 'main',
        contracts: [{ consumerName: 'Foo', providerName: 'Bar', specification: 'pact', contentType: 'application/json', content: Buffer.from(PACT_TEXT).toString('base64') }],
      };
      expect((await t.json('POST', '/contracts/publish', { body })).status).toBe(200);
      const text = await (await t.request('GET', '/pacts/provider/Bar/consumer/Foo/version/2')).text();
      expect(text).toContain('"body":{"a":1.0,"b":1.5,"c":1000.0}');
      expect(dig(JSON.parse(text), '_links', 'pb:pact-version', 'name')).toBe(RUBY_SHA);
    });
  });
});
