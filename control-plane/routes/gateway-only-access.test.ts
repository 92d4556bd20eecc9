import { describe, expect, it } from 'vitest';
import { gatewayOnlyAccess } from './gateway-only-access.js';

const request = (...authorization: string[]) => ({ method: 'PUT', path: '/pacts/provider/p/consumer/c/version/1', authorization });

describe('gatewayOnlyAccess (issue 12: a gateway replica has no token store)', () => {
  it.each([
    ['no credentials (the broker decides)', request()],
    ['basic credentials (the broker checks its users)', request('Basic dXNlcjpwYXNz')],
    ['a scheme the gateway does not know', request('Digest username="u"')],
    ['a word that only starts like Bearer', request('Bearerish abc')],
  ])('passes %s', (_, req) => {
    expect(gatewayOnlyAccess('acme', req)).toEqual({ kind: 'pass' });
  });

  it.each([['Bearer abc.def'], ['bearer abc'], ['Bearer']])('refuses the token "%s" with a sentence, never forwarding it', (header) => {
    expect(gatewayOnlyAccess('acme', request(header))).toMatchObject({
      kind: 'refuse',
      status: 401,
      detail: expect.stringContaining('This gateway replica cannot check CI tokens'),
      challenge: 'Bearer error="invalid_token"',
    });
  });

  it('refuses two Authorization headers', () => {
    expect(gatewayOnlyAccess('acme', request('Basic a', 'Bearer b'))).toMatchObject({ kind: 'refuse', status: 400 });
  });
});
