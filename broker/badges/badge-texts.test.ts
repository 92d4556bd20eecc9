import { describe, expect, it } from 'vitest';
import { canIDeployBadge, errorBadge, pactBadge, pactStatus, prepareName, type PactStatus, type ReportedVerification } from './badge-texts.js';

describe('prepareName', () => {
  it.each<[string, boolean, string | undefined, string]>([
    ['Foo', false, undefined, 'foo'],
    ['FooBar', false, 'Dev', 'foobar (Dev)'],
    ['Foo', true, undefined, 'foo'],
    ['FooBar', true, undefined, 'fb'],
    ['HTTPServerApi', true, undefined, 'hsa'],
    ['Foo2Bar', true, undefined, 'fb'],
    ['my-foo_service', true, undefined, 'mfs'],
    ['Order Service', true, 'prod', 'os (prod)'],
    ['fooBar-', true, undefined, 'fb'],
    ['foo-', true, undefined, 'foo-'],
    ['-foo-bar', true, undefined, 'fb'],
  ])('%s (initials %s, tag %s) → %s', (name, initials, tag, expected) => {
    expect(prepareName(name, initials, tag)).toBe(expected);
  });
});

describe('pactStatus', () => {
  const verification = (success: boolean, sha: string, pactPending = false): ReportedVerification => ({ success, sha, pactPending });
  it.each<[string, ReportedVerification | undefined, PactStatus]>([
    ['never verified', undefined, 'unknown'],
    ['verified this content', verification(true, 'abc'), 'verified'],
    ['verified older content', verification(true, 'old'), 'changed'],
    ['failed this content', verification(false, 'abc'), 'failed'],
    ['failed older content', verification(false, 'old'), 'failed'],
    ['failed while pending', verification(false, 'abc', true), 'failed-pending'],
    ['succeeded while pending', verification(true, 'abc', true), 'verified'],
  ])('%s → %s', (_, reported, expected) => {
    expect(pactStatus('abc', reported)).toBe(expected);
  });
});

describe('pactBadge', () => {
  const names = { consumerName: 'OrderService', providerName: 'Billing API' };
  it.each<[string, Parameters<typeof pactBadge>[2], Partial<typeof names> & { consumerTag?: string; providerTag?: string }, string]>([
    ['both names', { label: undefined, initials: false }, {}, 'orderservice/billing api pact'],
    ['the consumer', { label: 'consumer', initials: false }, {}, 'orderservice pact'],
    ['the provider, in any case', { label: 'PROVIDER', initials: false }, {}, 'billing api pact'],
    ['both names for any other label', { label: 'My pact', initials: false }, {}, 'orderservice/billing api pact'],
    ['initials', { label: undefined, initials: true }, {}, 'os/ba pact'],
    ['tags', { label: undefined, initials: true }, { consumerTag: 'Dev', providerTag: 'prod' }, 'os (dev)/ba (prod) pact'],
  ])('labels %s', (_, options, extra, label) => {
    expect(pactBadge({ ...names, ...extra }, 'verified', options).label).toBe(label);
  });

  it.each<[PactStatus, string, string]>([
    ['verified', 'verified', 'brightgreen'],
    ['failed', 'failed', 'red'],
    ['failed-pending', 'failed (pending)', 'red'],
    ['changed', 'changed', 'orange'],
    ['unknown', 'unknown', 'lightgrey'],
  ])('says %s as "%s" in %s', (status, message, color) => {
    expect(pactBadge(names, status, { label: undefined, initials: false })).toMatchObject({ message, color });
  });
});

describe('canIDeployBadge and errorBadge', () => {
  it.each<[string | undefined, boolean | null, string, string]>([
    [undefined, true, 'can-i-deploy', 'brightgreen'],
    [undefined, false, 'can-i-deploy', 'red'],
    [undefined, null, 'can-i-deploy', 'red'],
    ['deploy me', true, 'deploy me', 'brightgreen'],
  ])('label %s, deployable %s → %s, %s', (label, deployable, expectedLabel, color) => {
    expect(canIDeployBadge('dev to prod', label, deployable)).toEqual({ label: expectedLabel, message: 'dev to prod', color });
  });

  it('is grey for errors', () => {
    expect(errorBadge('version', 'not found')).toEqual({ label: 'version', message: 'not found', color: 'lightgrey' });
  });
});
