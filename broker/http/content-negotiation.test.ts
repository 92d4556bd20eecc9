import { describe, expect, it } from 'vitest';
import { forcesJson, prefersHtml } from './content-negotiation.js';

const request = (accept: string | undefined, path = '/') => new Request(`http://broker.test${path}`, accept === undefined ? {} : { headers: { accept } });

describe('prefersHtml', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html', true],
    ['TEXT/HTML; charset=utf-8', true],
    ['text/html, application/json;q=0.9', true],
    ['application/hal+json', false],
    ['application/hal+json, application/json', false],
    ['application/json', false],
    ['*/*', false],
    ['', false],
    [undefined, false],
    // A tie goes to the API: a client naming JSON at all gets JSON unless it prefers HTML.
    ['text/html, application/hal+json', false],
    ['text/html;q=0.5, application/json', false],
    ['text/html;q=0', false],
    ['text/html;q=oops', false],
  ])('%s → %s', (accept, expected) => {
    expect(prefersHtml(request(accept))).toBe(expected);
  });
});

describe('forcesJson', () => {
  it.each([
    ['/?format=json', true],
    ['/pacts/provider/Bar/consumer/Foo/latest?format=json', true],
    ['/?format=html', false],
    ['/', false],
  ])('%s → %s', (path, expected) => {
    expect(forcesJson(request('text/html', path))).toBe(expected);
  });
});
