import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../../shared/format-bytes.js';
import { useCliBroker } from '../test-support/official-cli.js';
import { pactDocument, publishBody } from '../test-support/test-broker.js';

/** `[[[…1…]]]`, nested `depth` levels. */
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const PUT_PATH = '/pacts/provider/Bar/consumer/Foo/version/1.0.0';

/** A request over a real socket: the body in one piece with Content-Length, or chunk by chunk until the answer comes. */
function send(
  baseUrl: string,
  options: { method: string; path: string; body?: Buffer; chunks?: { size: number; max: number } },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const request = http.request(`${baseUrl}${options.path}`, { method: options.method, headers: { 'content-type': 'application/json', accept: 'application/hal+json' } }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        // The answer is all this client wants: it stops sending instead of writing into a connection the server drains and closes.
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString(), bytesSent });
      });
    });
    request.on('error', (error) => (answered ? undefined : reject(error)));
    if (options.body) {
      bytesSent = options.body.length;
      request.end(options.body);
      return;
    }
    const { size, max } = options.chunks!;
    const writeMore = () => {
      while (!answered && bytesSent < max) {
        bytesSent += size;
        if (!request.write(Buffer.alloc(size, 0x20))) return void request.once('drain', writeMore);
      }
      if (!answered) request.end();
    };
    writeMore();
  });
}

describe('request body limit (issue 11)', () => {
  describe('the default limit of 16 MiB', () => {
    const b = useCliBroker('sqlite');

    it.each([
      ['POST', '/contracts/publish'],
      ['PUT', PUT_PATH],
    ])('%s %s with a 17 MB body: 413 problem+json from Content-Length, nothing stored', async (method, requestPath) => {
      const pact = pactDocument();
      pact.padding = 'x'.repeat(17 * 1024 * 1024);
      const body = Buffer.from(JSON.stringify(requestPath === PUT_PATH ? pact : publishBody({}, pact)));
      const answer = await send(b.baseUrl, { method, path: requestPath, body });
      expect(answer.status).toBe(413);
      expect(answer.headers['content-type']).toBe('application/problem+json;charset=utf-8');
      expect(JSON.parse(answer.body)).toEqual({
        title: 'Payload Too Large',
        type: `${b.baseUrl}/problem/payload-too-large`,
        status: 413,
        detail: `The request body of ${body.length} bytes (${formatBytes(body.length)}) is larger than this broker's limit of 16777216 bytes (16 MiB).`,
      });
      const pacticipants = await b.t.json('GET', '/pacticipants');
      expect(pacticipants.body).toMatchObject({ _embedded: { pacticipants: [] } });
    });
  });

  describe('a limit of 64 KiB', () => {
    const b = useCliBroker('sqlite', { maxBodyBytes: 64 * 1024 });

    it('answers a chunked body 413 once it passes the limit, before the client has sent it all', async () => {
      const answer = await send(b.baseUrl, { method: 'POST', path: '/contracts/publish', chunks: { size: 16 * 1024, max: 64 * 1024 * 1024 } });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 413, detail: "The request body is larger than this broker's limit of 65536 bytes (64 KiB)." });
      expect(answer.bytesSent).toBeLessThan(64 * 1024 * 1024);
    });

    it('accepts a body of exactly the limit', async () => {
      const pact = pactDocument();
      const unpadded = JSON.stringify({ ...pact, padding: '' }).length;
      pact.padding = 'x'.repeat(64 * 1024 - unpadded);
      const body = Buffer.from(JSON.stringify(pact));
      expect(body.length).toBe(64 * 1024);
      expect((await send(b.baseUrl, { method: 'PUT', path: PUT_PATH, body })).status).toBe(201);
    });

    // The CLI prints the status line of a 4xx it has no special handling for, not the body's sentence.
    it('refuses a publish by the official CLI over the limit: it reports 413 Payload Too Large', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'pact-limit-'));
      try {
        const pact = pactDocument('Foo', 'Bar', Array.from({ length: 1000 }, (_, i) => `request number ${i} for things`));
        await writeFile(path.join(dir, 'Foo-Bar.json'), JSON.stringify(pact));
        const { code, output } = await b.cli('publish', dir, '--consumer-app-version', '1.0.0', '--branch', 'main');
        expect(code).not.toBe(0);
        expect(output).toContain("Request to pact broker path '/contracts/publish' failed: 413 Payload Too Large");
        expect((await b.t.json('GET', '/pacticipants')).body).toMatchObject({ _embedded: { pacticipants: [] } });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('deeply nested JSON (issue 11): 400 with a sentence instead of a 500', () => {
  const b = useCliBroker('sqlite', { scope: 'all' });
  const sentence = 'The JSON document is nested 10000 levels deep; the limit is 200.';

  it.each([
    ['a publish body', '/contracts/publish', 'POST', `${JSON.stringify(publishBody()).slice(0, -1)},"deep":${nested(9999)}}`],
    ['a pact PUT', PUT_PATH, 'PUT', `{"consumer":{"name":"Foo"},"provider":{"name":"Bar"},"interactions":${nested(9999)}}`],
    ['a pacticipant', '/pacticipants', 'POST', `{"name":"Foo","deep":${nested(9999)}}`],
  ])('%s', async (_case, requestPath, method, text) => {
    const answer = await b.t.json(method, requestPath, { body: text });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: sentence });
  });

  it('in the content of a published contract', async () => {
    const content = Buffer.from(`{"consumer":{"name":"Foo"},"provider":{"name":"Bar"},"interactions":[${nested(9998)}]}`).toString('base64');
    const answer = await b.t.json('POST', '/contracts/publish', { body: publishBody({}, pactDocument(), { content }) });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: sentence });
    expect((await b.t.json('GET', '/pacticipants')).body).toMatchObject({ _embedded: { pacticipants: [] } });
  });

  it('accepts 200 levels, and counts no brackets inside strings', async () => {
    const pact = pactDocument();
    pact.interactions = [{ ...(pact.interactions as object[])[0], deep: JSON.parse(nested(197)), text: '[[[[{{{{"\\"[[[[' .repeat(100) }];
    const answer = await b.t.json('PUT', PUT_PATH, { body: pact });
    expect(answer.status).toBe(201);
  });
});
