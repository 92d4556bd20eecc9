import { describe, expect, it } from 'vitest';
import { BASE, dig, publishBody, startTestBroker, useTestBroker } from './test-support/test-broker.js';
import { describeOnEachDatabase } from './test-support/test-database.js';

describeOnEachDatabase((database) => {
  const t = useTestBroker(database);

  describe('every response', () => {
    it.each([['/'], ['/nope'], ['/pacticipants/Missing']])('%s carries the Ruby broker headers', async (path) => {
      const response = await t.request('GET', path);
      expect(response.headers.get('x-pact-broker-version')).toBe('2.120.0');
      expect(response.headers.get('vary')).toBe('Accept');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    });
  });

  describe('errors', () => {
    it('answers an unknown path with the webmachine 404', async () => {
      const response = await t.request('GET', '/no/such/resource');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
      expect(await response.json()).toEqual({ error: 'The requested document was not found on this server.' });
    });

    it('ignores a trailing slash, as webmachine does', async () => {
      expect((await t.request('GET', '/pacticipants/')).status).toBe(200);
    });

    it('answers problem+json when the Accept header asks for it', async () => {
      const response = await t.request('GET', '/no/such/resource', { headers: { accept: 'application/problem+json' } });
      expect(response.headers.get('content-type')).toBe('application/problem+json;charset=utf-8');
      expect(await response.json()).toEqual({
        title: '404 Not Found',
        type: `${BASE}/problem/not-found`,
        detail: 'The requested document was not found on this server.',
        status: 404,
      });
    });

    it('answers validation errors as problem+json when asked', async () => {
      const { status, body } = await t.json('POST', '/contracts/publish', {
        body: publishBody({ pacticipantVersionNumber: undefined }),
        headers: { accept: 'application/problem+json' },
      });
      expect(status).toBe(400);
      expect(body).toMatchObject({
        title: 'Validation errors',
        type: `${BASE}/problems/validation-error`,
        status: 400,
        errors: [{ type: `${BASE}/problems/missing-body-property`, title: 'Invalid body parameter', detail: 'is missing', pointer: '/pacticipantVersionNumber' }],
      });
    });

    it('answers malformed JSON with 400 and the parser message', async () => {
      const { status, headers, body } = await t.json('POST', '/contracts/publish', { body: '{"pacticipantName": ' });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/hal+json;charset=utf-8');
      expect(dig(body, 'error')).toMatch(/^JSON::ParserError - /);
    });

    it('answers a body that is not JSON with 415', async () => {
      const response = await t.request('POST', '/contracts/publish', { body: 'x', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(415);
    });

    it('answers a method the resource does not support with 405 and Allow', async () => {
      const response = await t.request('DELETE', '/pacticipants');
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect(await response.json()).toEqual({ error: 'The methods allowed are GET, POST, OPTIONS.' });
    });

    it('answers OPTIONS with the allowed methods', async () => {
      const response = await t.request('OPTIONS', '/contracts/publish');
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    });

    it('answers an unexpected failure with 500 and a reference that the one error log line carries', async () => {
      await t.broker.close(); // the database is gone: a fault no request can cause
      const { status, body } = await t.json('GET', '/pacticipants');
      expect(status).toBe(500);
      const reference = dig(body, 'error', 'reference');
      expect(reference).toMatch(/^[A-Za-z]{10}$/);
      expect(dig(body, 'error', 'message')).toBe(`An error has occurred. The details have been logged with the reference ${String(reference)}`);
      const errorLines = t.logLines.filter((line) => line.level === 'error');
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatchObject({ reference, error: { message: expect.any(String) } });
    });
  });

  describe('base URL of links', () => {
    it('follows the forwarded headers and prefix the gateway sets', async () => {
      const { body } = await t.json('GET', '/', {
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'localhost', 'x-forwarded-port': '8443', 'x-forwarded-prefix': '/t/acme' },
      });
      expect(dig(body, '_links', 'self', 'href')).toBe('https://localhost:8443/t/acme');
    });

    it('uses the configured base URL matching the request', async () => {
      const configured = await startTestBroker(database, { baseUrls: ['http://acme.localhost:8080', 'http://localhost:8080/t/acme'] });
      try {
        const { body } = await configured.json('GET', '/', { headers: { host: 'localhost:8080', 'x-forwarded-prefix': '/t/acme' } });
        expect(dig(body, '_links', 'pb:pacticipants', 'href')).toBe('http://localhost:8080/t/acme/pacticipants');
      } finally {
        await configured.close();
      }
    });
  });
});
