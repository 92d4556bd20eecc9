import { describe, expect, it } from 'vitest';
import { headersAsSent, requestUri } from './sent-headers.js';

const built = { accept: '*/*', 'user-agent': 'Pact Broker v2.120.0' };
const request = (url: string, body?: string, headers: Record<string, string> = built) => ({ method: 'POST', url: new URL(url), headers, body });

// What Ruby's Net::HTTP adds when it sends the webhook request (net/http's begin_transport and
// send_request_with_body), in that order (team issue 14, item 3).
describe('headersAsSent', () => {
  it.each([
    ['no body', request('http://ci.example/hooks'), { ...built, host: 'ci.example' }],
    ['a body and its type', request('https://ci.example:8443/x', 'é', { ...built, 'content-type': 'application/json' }), { ...built, 'content-type': 'application/json', host: 'ci.example:8443', 'content-length': '2' }],
    ['a body without a type', request('http://ci.example/x', 'a=1'), { ...built, host: 'ci.example', 'content-length': '3', 'content-type': 'application/x-www-form-urlencoded' }],
  ])('%s', (_case, outgoing, expected) => {
    expect(Object.entries(headersAsSent(outgoing))).toEqual(Object.entries(expected));
  });
});

describe('requestUri', () => {
  it('is the path and query, as the Ruby result shows it', () => {
    expect(requestUri(new URL('https://user:pw@ci.example:8443/hooks/pact?a=1#f'))).toBe('/hooks/pact?a=1');
  });
});
