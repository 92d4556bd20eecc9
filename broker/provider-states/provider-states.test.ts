import { describe, expect, it } from 'vitest';
import { aggregateProviderStates, providerStatesOf } from './provider-states.js';

describe('providerStatesOf', () => {
  it.each([
    ['a specification 2 providerState', { interactions: [{ providerState: 'a thing exists' }] }, [{ name: 'a thing exists' }]],
    [
      'specification 3 providerStates with and without params',
      { interactions: [{ providerStates: [{ name: 'a', params: { id: 1 } }, { name: 'b' }, { name: 'c', params: null }] }] },
      [{ name: 'a', params: { id: 1 } }, { name: 'b' }, { name: 'c' }],
    ],
    ['messages before interactions', { interactions: [{ providerState: 'i' }], messages: [{ providerStates: [{ name: 'm' }] }] }, [{ name: 'm' }, { name: 'i' }]],
    ['providerState over providerStates', { interactions: [{ providerState: 'old', providerStates: [{ name: 'new' }] }] }, [{ name: 'old' }]],
    ['nothing from interactions without states', { interactions: [{ description: 'x' }] }, []],
    ['nothing from entries without a string name', { interactions: [{ providerStates: [{ params: {} }, 'loose', { name: 3 }] }, 'loose'] }, []],
    ['nothing from a document without interactions', { metadata: {} }, []],
    ['nothing from a document that is not an object', [1, 2], []],
  ])('reads %s', (_, pact, states) => {
    expect(providerStatesOf(pact)).toEqual(states);
  });
});

describe('aggregateProviderStates', () => {
  const pact = (...states: unknown[]) => ({ interactions: [{ providerStates: states }] });

  it.each([
    ['nothing from no pacts', [], []],
    [
      'one entry per state, sorted by name',
      [{ consumerName: 'Foo', content: { interactions: [{ providerState: 'state 2' }, { providerState: 'state 1' }, { providerState: 'state 2' }] } }],
      [
        { name: 'state 1', consumers: ['Foo'] },
        { name: 'state 2', consumers: ['Foo'] },
      ],
    ],
    [
      'the consumers of a shared state in the order of the pacts, each once',
      [
        { consumerName: 'Foo', content: pact({ name: 'shared' }, { name: 'shared' }) },
        { consumerName: 'Bar', content: pact({ name: 'shared' }) },
      ],
      [{ name: 'shared', consumers: ['Foo', 'Bar'] }],
    ],
    [
      'a state with other params apart, params equal in any key order together',
      [
        { consumerName: 'Foo', content: pact({ name: 's', params: { a: 1, b: 2 } }) },
        { consumerName: 'Bar', content: pact({ name: 's', params: { b: 2, a: 1 } }) },
        { consumerName: 'Baz', content: pact({ name: 's' }) },
      ],
      [
        { name: 's', params: { a: 1, b: 2 }, consumers: ['Foo', 'Bar'] },
        { name: 's', consumers: ['Baz'] },
      ],
    ],
    [
      'names by their bytes, as Ruby sorts strings',
      [{ consumerName: 'Foo', content: pact({ name: 'b' }, { name: 'B' }, { name: 'é' }, { name: 'a' }) }],
      [
        { name: 'B', consumers: ['Foo'] },
        { name: 'a', consumers: ['Foo'] },
        { name: 'b', consumers: ['Foo'] },
        { name: 'é', consumers: ['Foo'] },
      ],
    ],
  ])('gives %s', (_, pacts, expected) => {
    expect(aggregateProviderStates(pacts)).toEqual(expected);
  });
});
