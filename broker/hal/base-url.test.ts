import { describe, expect, it } from 'vitest';
import { baseUrlResolver } from './base-url.js';

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe('baseUrlResolver without configured base URLs', () => {
  it.each([
    ['the request URL', request('http://localhost:9292/pacts'), 'http://localhost:9292'],
    ['the Host header', request('http://127.0.0.1:9292/', { host: 'broker.example:8080' }), 'http://broker.example:8080'],
    ['X-Forwarded-Proto and Host', request('http://10.0.0.1/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'acme.example' }), 'https://acme.example'],
    ['the first X-Forwarded-Host value', request('http://10.0.0.1/', { 'x-forwarded-host': 'a.example:81, b.example' }), 'http://a.example:81'],
    ['a non-default X-Forwarded-Port', request('http://10.0.0.1/', { 'x-forwarded-host': 'acme.localhost', 'x-forwarded-port': '8080' }), 'http://acme.localhost:8080'],
    ['a default X-Forwarded-Port', request('http://10.0.0.1/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'acme.example', 'x-forwarded-port': '443' }), 'https://acme.example'],
    ['X-Forwarded-Port when the host has a port', request('http://10.0.0.1/', { 'x-forwarded-host': 'acme.localhost:9000', 'x-forwarded-port': '8080' }), 'http://acme.localhost:9000'],
    ['an IPv6 host without a port', request('http://[::1]/', { host: '[::1]', 'x-forwarded-port': '8080' }), 'http://[::1]:8080'],
    ['X-Forwarded-Prefix', request('http://localhost:8080/', { 'x-forwarded-prefix': '/t/acme' }), 'http://localhost:8080/t/acme'],
    ['X-Forwarded-Prefix with slashes around', request('http://localhost:8080/', { 'x-forwarded-prefix': 't/acme/' }), 'http://localhost:8080/t/acme'],
  ])('uses %s', (_, req, expected) => {
    expect(baseUrlResolver([])(req)).toBe(expected);
  });
});

describe('baseUrlResolver with configured base URLs', () => {
  const resolve = baseUrlResolver(['http://acme.localhost:8080', 'http://localhost:8080/t/acme', 'http://127.0.0.1:8080/t/acme/']);
  it.each([
    ['the host form', request('http://x/', { host: 'acme.localhost:8080' }), 'http://acme.localhost:8080'],
    ['the path form by host and prefix', request('http://x/', { host: '127.0.0.1:8080', 'x-forwarded-prefix': '/t/acme' }), 'http://127.0.0.1:8080/t/acme'],
    ['the first when none matches', request('http://x/', { host: 'elsewhere' }), 'http://acme.localhost:8080'],
    ['the first when the prefix does not match', request('http://x/', { host: 'localhost:8080', 'x-forwarded-prefix': '/t/other' }), 'http://acme.localhost:8080'],
  ])('chooses %s', (_, req, expected) => {
    expect(resolve(req)).toBe(expected);
  });
});
