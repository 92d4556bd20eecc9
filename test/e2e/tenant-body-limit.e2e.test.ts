/**
 * A tenant's request body limit (issue 11, defect 3): set with `maxBodyBytes` on POST /api/tenants,
 * checked with a sentence, and enforced by the tenant's embedded broker through the gateway, for
 * bodies with Content-Length and chunked ones; other tenants keep the default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../shared/format-bytes.js';
import { pactDocument, publishBody } from '../../broker/test-support/test-broker.js';
import { httpRequest } from '../support/http-client.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';

const json = { 'Content-Type': 'application/json' };

describe('a tenant with its own body limit', () => {
  let started: StartedPlatform;
  const createTenant = (body: unknown) => httpRequest(started.port, { method: 'POST', path: '/api/tenants', headers: json, body: JSON.stringify(body) });
  const publish = (tenant: string, body: Buffer, headers: Record<string, string> = {}) =>
    httpRequest(started.port, { method: 'POST', path: '/contracts/publish', host: `${tenant}.localhost:${started.port}`, headers: { ...json, ...headers }, body });
  // About 10 KB: over the small tenant's 4 KiB, far under the default 16 MiB.
  const body = Buffer.from(JSON.stringify(publishBody({}, pactDocument('Web', 'Orders', Array.from({ length: 60 }, (_, i) => `request ${i}`)))));

  beforeAll(async () => {
    started = await startPlatform();
  });

  afterAll(async () => {
    await started?.close();
  });

  it.each([[-1], [100], [1.5], ['16MB'], [2 ** 31]])('refuses maxBodyBytes %j with a sentence, and creates nothing', async (value) => {
    const refused = await createTenant({ name: 'refused', maxBodyBytes: value });
    expect(refused.status).toBe(400);
    expect(refused.json().detail).toBe(
      `"maxBodyBytes" must be a whole number of bytes from 1024 to 1073741824 (1 GiB), for example 16777216 for 16 MiB; got ${JSON.stringify(value)}.`,
    );
    expect((await httpRequest(started.port, { path: '/api/tenants/refused' })).status).toBe(404);
  });

  it('answers 413 over the tenant limit, for Content-Length and chunked bodies, while a default tenant takes the same body', async () => {
    const small = await createTenant({ name: 'small', maxBodyBytes: 4096 });
    expect(small.status).toBe(201);
    expect(small.json().maxBodyBytes).toBe(4096);
    const usual = await createTenant({ name: 'usual' });
    expect(usual.json().maxBodyBytes).toBe(16 * 1024 * 1024);

    const sized = await publish('small', body);
    expect(sized.status).toBe(413);
    expect(sized.headers['content-type']).toBe('application/problem+json;charset=utf-8');
    expect(sized.json().detail).toBe(`The request body of ${body.length} bytes (${formatBytes(body.length)}) is larger than this broker's limit of 4096 bytes (4 KiB).`);
    const chunked = await publish('small', body, { 'Transfer-Encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(chunked.json().detail).toBe("The request body is larger than this broker's limit of 4096 bytes (4 KiB).");
    const pacticipants = await httpRequest(started.port, { path: '/pacticipants', host: `small.localhost:${started.port}` });
    expect(pacticipants.json()._embedded.pacticipants).toEqual([]);

    expect((await publish('usual', body)).status).toBe(200);
  });
});
