import { describe, expect, it } from 'vitest';
import { parseCanIDeployQuery, parseMatrixQuery } from './matrix-query.js';
import { validateCanIDeployQuery, validateMatrixQuery } from './matrix-validation.js';

describe('parseMatrixQuery', () => {
  it.each([
    [
      'the CLI query for one version and an environment',
      'q[][pacticipant]=Foo&q[][version]=1.2.3&latestby=cvpv&environment=production',
      { selectors: [{ pacticipantName: 'Foo', versionNumber: '1.2.3' }], options: { latestby: 'cvpv', environmentName: 'production', limit: '100', ignoreSelectors: [] } },
    ],
    [
      'two selectors, a new one starting at the repeated pacticipant key',
      'q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar&q[][latest]=true&q[][tag]=prod&latestby=cvpv',
      {
        selectors: [{ pacticipantName: 'Foo', versionNumber: '1' }, { pacticipantName: 'Bar', latest: true, tag: 'prod' }],
        options: { latestby: 'cvpv', limit: '100', ignoreSelectors: [] },
      },
    ],
    [
      'encoded names, branch, main branch and the --to tag',
      'q[][pacticipant]=My%20App&q[][branch]=feat%2Fx&q[][mainBranch]=true&tag=prod&latestby=cvp&latest=true',
      {
        selectors: [{ pacticipantName: 'My App', branch: 'feat/x', mainBranch: true }],
        options: { latestby: 'cvp', latest: true, tag: 'prod', limit: '100', ignoreSelectors: [] },
      },
    ],
    [
      'percent-encoded brackets, ignore selectors and can-i-merge',
      'q%5B%5D%5Bpacticipant%5D=Foo&ignore[][pacticipant]=Baz&ignore[][version]=9&ignore[][pacticipant]=Qux&latestby=cvp&latest=true&mainBranch=true',
      {
        selectors: [{ pacticipantName: 'Foo' }],
        options: {
          latestby: 'cvp',
          latest: true,
          mainBranch: true,
          limit: '100',
          ignoreSelectors: [{ pacticipantName: 'Baz', versionNumber: '9' }, { pacticipantName: 'Qux' }],
        },
      },
    ],
    [
      'empty values, an unknown latestby, success filters and a limit',
      'q[][pacticipant]=Foo&q[][version]=&q[][latest]=false&latestby=zz&success[]=true&success[]=&limit=5',
      { selectors: [{ pacticipantName: 'Foo' }], options: { success: [true, null], limit: '5', ignoreSelectors: [] } },
    ],
  ])('%s', (_, query, expected) => {
    expect(parseMatrixQuery(query)).toEqual(expected);
  });
});

describe('parseCanIDeployQuery', () => {
  it.each([
    ['a tag', 'pacticipant=Foo&version=1&to=prod', { latestby: 'cvp', tag: 'prod', latest: true, limit: '100', ignoreSelectors: [] }],
    ['an environment', 'pacticipant=Foo&version=1&environment=test', { latestby: 'cvpv', environmentName: 'test', limit: '100', ignoreSelectors: [] }],
    [
      'both ignore forms',
      'pacticipant=Foo&version=1&to=prod&ignore[]=Bar&ignore[][pacticipant]=Baz&ignore[][version]=2',
      { latestby: 'cvp', tag: 'prod', latest: true, limit: '100', ignoreSelectors: [{ pacticipantName: 'Bar' }, { pacticipantName: 'Baz', versionNumber: '2' }] },
    ],
  ])('reads %s', (_, query, options) => {
    expect(parseCanIDeployQuery(query)).toEqual({ selectors: [{ pacticipantName: 'Foo', versionNumber: '1' }], options });
  });
});

describe('validateMatrixQuery', () => {
  const known = { pacticipants: new Set(['Foo', 'Bar']), environments: new Set(['production']) };
  it.each([
    ['a valid query', 'q[][pacticipant]=Foo&q[][version]=1&environment=production', []],
    ['no selectors', 'latestby=cvp', ['Please provide 1 or more version selectors.']],
    ['a selector without a pacticipant', 'q[][version]=1', ['Please specify the pacticipant name']],
    ['version and latest', 'q[][pacticipant]=Foo&q[][version]=1&q[][latest]=true', ['A version number and latest flag cannot both be specified for Foo']],
    ['an unknown pacticipant', 'q[][pacticipant]=Nobody', ['Pacticipant Nobody not found']],
    ['an ignore selector without a pacticipant', 'q[][pacticipant]=Foo&ignore[][version]=1', ['Please specify the pacticipant name to ignore']],
    ['two destinations', 'q[][pacticipant]=Foo&tag=prod&environment=production', ['Cannot specify more than one of tag, environment and mainBranch.']],
    ['latest with an environment', 'q[][pacticipant]=Foo&latest=true&environment=production', ['Cannot specify both latest=true and an environment.']],
    ['an unknown environment', 'q[][pacticipant]=Foo&environment=nowhere', ["Environment with name 'nowhere' does not exist"]],
    ['a limit below 1', 'q[][pacticipant]=Foo&limit=0', ['The limit must be 1 or greater.']],
  ])('%s', (_, query, errors) => {
    expect(validateMatrixQuery(parseMatrixQuery(query), known)).toEqual(errors);
  });
});

describe('validateCanIDeployQuery', () => {
  const known = { pacticipants: new Set(['Foo']), environments: new Set(['production']) };
  it.each([
    ['a valid query', 'pacticipant=Foo&version=1&to=prod', {}],
    ['nothing', '', { pacticipant: ['is missing'], version: ['is missing'], '': ["Must specify either an environment or a 'to' tag."] }],
    ['an unknown pacticipant', 'pacticipant=Nobody&version=1&environment=production', { pacticipant: ['does not match an existing pacticipant'] }],
    ['both destinations', 'pacticipant=Foo&version=1&to=prod&environment=production', { '': ["Cannot specify both a 'to' tag and an environment."] }],
    ['an unknown environment', 'pacticipant=Foo&version=1&environment=nowhere', { environment: ["with name 'nowhere' does not exist"] }],
  ])('%s', (_, query, errors) => {
    expect(validateCanIDeployQuery(new URLSearchParams(query), known)).toEqual(errors);
  });
});
