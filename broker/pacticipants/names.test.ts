import { describe, expect, it } from 'vitest';
import { generateDisplayName } from './display-name.js';
import { findPotentialDuplicateNames } from './duplicate-names.js';

describe('generateDisplayName', () => {
  it.each([
    ['foo', 'Foo'],
    ['MyService', 'My Service'],
    ['my-service', 'My Service'],
    ['my_service', 'My Service'],
    ['my service', 'My Service'],
    ['ABCService', 'ABC Service'],
    ['A4Service', 'A4 Service'],
    ['SNSPactEventConsumer', 'SNS Pact Event Consumer'],
    ['Beer-Consumer', 'Beer Consumer'],
    ['foo.pretend-consumer', 'Foo Pretend Consumer'],
    ['providerJSWorkshop', 'Provider JS Workshop'],
    ['e2e Provider Example', 'E2e Provider Example'],
    ['MP - Our Provider', 'MP - Our Provider'],
    ['PoC - Pact-broker-consumer', 'PoC - Pact Broker Consumer'],
    ['Support Species App (Provider)', 'Support Species App (Provider)'],
    ['', ''],
  ])('%s → %s', (name, displayName) => {
    expect(generateDisplayName(name)).toBe(displayName);
  });
});

describe('findPotentialDuplicateNames', () => {
  it.each([
    ['foo-service', ['Foo', 'Bar'], ['Foo']],
    ['FooProvider', ['foo'], ['foo']],
    ['Foos API', ['Foo'], ['Foo']],
    ['foo_bar', ['FooBar', 'Foo'], ['FooBar']],
    ['Foo', ['Foo', 'foo-service'], []],
    ['Baz', ['Foo', 'Bar'], []],
  ])('%s among %j → %j', (name, existing, expected) => {
    expect(findPotentialDuplicateNames(name, existing)).toEqual(expected);
  });
});
