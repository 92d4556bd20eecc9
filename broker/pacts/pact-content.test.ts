import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compareBytes, generatePactSha, withInteractionIds, withoutInteractionIds } from './pact-content.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const interaction = (description: string) => ({ description, request: { method: 'GET', path: '/' }, response: { status: 200 } });
const base = {
  consumer: { name: 'Foo' },
  provider: { name: 'Bar' },
  interactions: [interaction('b'), interaction('a')],
  metadata: { pactSpecification: { version: '2.0.0' } },
};

describe('generatePactSha', () => {
  it('hashes sorted interactions plus the specification version, as the Ruby broker builds them', () => {
    const a = '{"description":"a","request":{"method":"GET","path":"/"},"response":{"status":200}}';
    const b = '{"description":"b","request":{"method":"GET","path":"/"},"response":{"status":200}}';
    expect(generatePactSha(base)).toBe(sha1(`{"interactions":[${a},${b}],"pact_specification_version":"2.0.0"}`));
  });

  it.each([
    ['reordered interactions', { ...base, interactions: [interaction('a'), interaction('b')] }],
    ['changed metadata other than the specification version', { ...base, metadata: { ...base.metadata, client: { name: 'pact-js' } } }],
    ['different key order', { metadata: base.metadata, interactions: [{ response: { status: 200 }, request: { path: '/', method: 'GET' }, description: 'b' }, interaction('a')], provider: base.provider, consumer: base.consumer }],
    ['a different consumer name in the document', { ...base, consumer: { name: 'Other' } }],
  ])('is unchanged by %s', (_, variant) => {
    expect(generatePactSha(variant)).toBe(generatePactSha(base));
  });

  it.each([
    ['a changed interaction', { ...base, interactions: [interaction('a'), interaction('c')] }],
    ['another specification version', { ...base, metadata: { pactSpecification: { version: '3.0.0' } } }],
    ['an added interaction', { ...base, interactions: [...base.interactions, interaction('c')] }],
  ])('changes with %s', (_, variant) => {
    expect(generatePactSha(variant)).not.toBe(generatePactSha(base));
  });

  it.each([
    ['metadata.pactSpecification.version', { pactSpecification: { version: '4.0' } }],
    ['metadata["pact-specification"].version', { 'pact-specification': { version: '4.0' } }],
    ['metadata.pactSpecificationVersion', { pactSpecificationVersion: '4.0' }],
  ])('reads the specification version from %s', (_, metadata) => {
    expect(generatePactSha({ interactions: [], metadata })).toBe(sha1('{"interactions":[],"pact_specification_version":"4.0"}'));
  });

  it('sorts messages when there are no interactions', () => {
    const messages = { messages: [{ description: 'y' }, { description: 'x' }] };
    expect(generatePactSha(messages)).toBe(sha1('{"messages":[{"description":"x"},{"description":"y"}]}'));
  });

  it('hashes a document with neither interactions nor messages whole', () => {
    const document = { consumer: { name: 'Foo' }, something: 1 };
    expect(generatePactSha(document)).toBe(sha1(JSON.stringify(document)));
  });
});

describe('withInteractionIds', () => {
  it('inserts the interaction SHA as the first key of each interaction', () => {
    const withIds = withInteractionIds(base);
    const first = (withIds.interactions as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(Object.keys(first)[0]).toBe('_id');
    expect(first._id).toBe(sha1(canonicalJson(interaction('b'))));
  });

  it('keeps an _id that is already there, and round-trips through withoutInteractionIds', () => {
    const withIds = withInteractionIds({ interactions: [{ _id: 'given', description: 'x' }] });
    expect(withIds.interactions).toEqual([{ _id: 'given', description: 'x' }]);
    expect(withoutInteractionIds(withInteractionIds(base))).toEqual(base);
  });
});

describe('compareBytes', () => {
  it('orders strings as their UTF-8 bytes, characters beyond U+FFFF last', () => {
    const words = ['😀', '\uFFFD', 'é', 'ab', 'a', '', '\uE000x', 'b', '😀a', '\u{10000}'];
    const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareBytes)).toEqual(byBytes);
    expect(byBytes.slice(-3)).toEqual(['\u{10000}', '😀', '😀a']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys by bytes, integer-like keys included', () => {
    expect(canonicalJson({ b: 1, '10': 2, '9': 3, a: [{ d: 1, c: 2 }] })).toBe('{"10":2,"9":3,"a":[{"c":2,"d":1}],"b":1}');
  });
});
