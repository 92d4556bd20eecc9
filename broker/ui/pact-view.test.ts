import { describe, expect, it } from 'vitest';
import { pactView, type InteractionView } from './pact-view.js';

const view = (document: unknown) => pactView(JSON.stringify(document));
const first = (document: unknown): InteractionView | undefined => view(document).interactions[0];

describe('pactView', () => {
  it('reads a V2 interaction: provider state, query string, headers, bodies', () => {
    const interaction = {
      description: 'a request',
      providerState: 'things exist',
      request: { method: 'post', path: '/things', query: 'a=1&b=2', headers: { Accept: 'application/json' }, body: { name: 'x' } },
      response: { status: 201, body: 'created' },
    };
    expect(first({ interactions: [interaction] })).toEqual({
      kind: 'http',
      description: 'a request',
      providerStates: ['things exist'],
      request: { method: 'POST', path: '/things', query: 'a=1&b=2', headers: [['Accept', 'application/json']], body: '{\n  "name": "x"\n}' },
      response: { status: '201', headers: [], body: 'created' },
    });
  });

  it.each([
    ['V1 provider_state', { provider_state: 'old style' }, ['old style']],
    ['V3 providerStates with and without params', { providerStates: [{ name: 'a', params: { id: 1 } }, { name: 'b', params: {} }] }, ['a {"id":1}', 'b']],
    ['no state', {}, []],
    ['an empty V2 state', { providerState: '' }, []],
  ])('reads provider states: %s', (_name, states, expected) => {
    expect(first({ interactions: [{ description: 'd', request: { method: 'GET', path: '/' }, response: { status: 200 }, ...states }] })?.providerStates).toEqual(expected);
  });

  it('reads a V3 query (name to values) and multi-valued headers', () => {
    const interaction = { description: 'd', request: { method: 'GET', path: '/', query: { a: ['1', '2'], b: ['x y'] }, headers: { Accept: ['a', 'b'] } }, response: { status: 200 } };
    const result = first({ interactions: [interaction] });
    expect(result?.kind === 'http' && result.request).toMatchObject({ query: 'a=1&a=2&b=x y', headers: [['Accept', 'a, b']] });
  });

  it('reads a V4 HTTP interaction, whose bodies carry their content type', () => {
    const interaction = {
      type: 'Synchronous/HTTP',
      description: 'd',
      request: { method: 'PUT', path: '/x', body: { content: { a: 1 }, contentType: 'application/json', encoded: false } },
      response: { status: 204 },
    };
    const result = first({ interactions: [interaction], metadata: { pactSpecification: { version: '4.0' } } });
    expect(result?.kind === 'http' && result.request.body).toBe('{\n  "a": 1\n}');
    expect(result?.kind === 'http' && result.response.body).toBeUndefined();
  });

  it.each([
    ['a V3 message', { messages: [{ description: 'an event', contents: { id: 1 }, metadata: { topic: 't' } }] }, { contents: { id: 1 }, metadata: { topic: 't' } }],
    ['a V4 asynchronous message', { interactions: [{ type: 'Asynchronous/Messages', description: 'an event', contents: { content: 'x' } }] }, { contents: { content: 'x' } }],
    [
      'a V4 synchronous message',
      { interactions: [{ type: 'Synchronous/Messages', description: 'an event', request: { contents: 1 }, response: [{ contents: 2 }] }] },
      { request: { contents: 1 }, response: [{ contents: 2 }] },
    ],
  ])('reads %s as a message', (_name, document, parts) => {
    expect(first(document)).toEqual({ kind: 'message', description: 'an event', providerStates: [], message: JSON.stringify(parts, null, 2) });
  });

  it('lists interactions, then messages, in the order of the document', () => {
    const http = (description: string) => ({ description, request: { method: 'GET', path: '/' }, response: { status: 200 } });
    const document = { interactions: [http('b'), http('a')], messages: [{ description: 'c', contents: {} }] };
    expect(view(document).interactions.map((interaction) => interaction.description)).toEqual(['b', 'a', 'c']);
  });

  it.each([
    ['pactSpecification.version', { pactSpecification: { version: '3.0.0' } }, '3.0.0'],
    ['pact-specification.version', { 'pact-specification': { version: '2.0.0' } }, '2.0.0'],
    ['pactSpecificationVersion', { pactSpecificationVersion: '1.0.0' }, '1.0.0'],
    ['none', {}, undefined],
  ])('reads the specification version from %s', (_name, metadata, expected) => {
    expect(view({ interactions: [], metadata }).specificationVersion).toBe(expected);
  });

  it('shows a document without interactions or messages whole, and lists nothing', () => {
    expect(view({ consumer: { name: 'Foo' }, something: 'else' })).toEqual({
      specificationVersion: undefined,
      interactions: [],
      unreadable: '{\n  "consumer": {\n    "name": "Foo"\n  },\n  "something": "else"\n}',
    });
  });

  it('shows content that is not JSON as it is', () => {
    expect(pactView('not json').unreadable).toBe('not json');
  });

  it('tolerates missing and mistyped fields', () => {
    expect(first({ interactions: [{ request: { method: 'GET' } }] })).toEqual({
      kind: 'http',
      description: '(no description)',
      providerStates: [],
      request: { method: 'GET', path: '/', query: undefined, headers: [], body: undefined },
      response: { status: '', headers: [], body: undefined },
    });
    expect(view({ interactions: [null, 'x', 3] }).interactions).toEqual([]);
  });
});
