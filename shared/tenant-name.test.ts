import { describe, expect, it } from 'vitest';
import { tenantNameProblem } from './tenant-name.js';

describe('tenantNameProblem', () => {
  it.each(['acme', 'team-2', 'a', 'a-b-c', '0day', 'ab-c--d', 'x-n--a'])('accepts %s', (name) => {
    expect(tenantNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'A tenant needs a name'],
    [42, 'A tenant needs a name'],
    ['a'.repeat(41), 'is 41 characters long; the limit is 40'],
    ['Acme', 'use "acme" instead'],
    ['-acme', 'may not start or end with a hyphen'],
    ['acme_1', 'may contain only lowercase letters, digits and hyphens'],
    ['admin', 'is reserved by the platform'],
    // Issue 11, defect 10: punycode names (xn--…) and the rest of RFC 5891's reserved "??--" form.
    ['xn--80ak6aa92e', 'third and fourth characters'],
    ['xn--pple-43d', 'look like another name'],
    ['ab--cd', 'third and fourth characters'],
    ['r3--x', 'third and fourth characters'],
  ])('refuses %s with a sentence', (name, sentence) => {
    expect(tenantNameProblem(name)).toContain(sentence);
  });
});
