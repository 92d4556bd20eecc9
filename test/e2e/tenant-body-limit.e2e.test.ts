/**
 * A tenant's request body limit (issue 11, defect 3): set with `maxBodyBytes` on POST /api/tenants,
 * checked with a sentence, and enforced by the tenant's broker through the gateway (embedded: an
 * option; docker: PACT_BROKER_MAX_BODY_BYTES in our image), for bodies with Content-Length and
 * chunked ones; other tenants keep the default.
 */
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pactDocument, publishBody } from '../../broker/test-support/test-broker.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { httpRequest } from '../support/http-client.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';

const run = randomBytes(3).toString('hex');
const tenants = { embedded: `bl${run}-e`, docker: `bl${run}-d` };
const withDocker = provided('docker');
const json = { 'Content-Type': 'application/json' };

describe('a tenant with its own body limit', () => {
  let started: StartedPlatform;
  const createTenant = (body: unknown) => httpRequest(started.port, { method: 'POST', path: '/api/tenants', headers: json, body: JSON.stringify(body) });
  const publish = (tenant: string, body: Buffer, headers: Record<string, string> = {}) =>
    httpRequest(started.port, { method: 'POST', path: '/contracts/publish', host: `${tenant}.localhost:${started.port}`, headers: { ...json, ...headers }, body });
  // About 10 KB: over the small tenants' 4 KiB, far under the default 16 MiB.
  const body = Buffer.from(JSON.stringify(publishBody({}, pactDocument('Web', 'Orders', Array.from({ length: 60 }, (_, i) => `request ${i}`)))));

  beforeAll(async () => {
    started = await startPlatform({ PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local', PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' });
  });

  afterAll(async () => {
    await started?.close();
    if (withDocker) await removeTenantObjects(new Dockerode(), [tenants.docker]);
  });

  it.each([[-1], [100], [1.5], ['16MB'], [2 ** 31]])('refuses maxBodyBytes %j with a sentence, and creates nothing', async (value) => {
    const refused = await createTenant({ name: 'refused', maxBodyBytes: value });
    expect(refused.status).toBe(400);
    expect(refused.json().detail).toBe(
      `"maxBodyBytes" must be a whole number of bytes from 1024 to 1073741824 (1 GiB), for example 16777216 for 16 MiB; got ${JSON.stringify(value)}.`,
    );
    expect((await httpRequest(started.port, { path: '/api/tenants/refused' })).status).toBe(404);
  });

  it('keeps the default of 16 MiB for tenants created without one', async () => {
    const usual = await createTenant({ name: `bl${run}-usual` });
    expect(usual.json().maxBodyBytes).toBe(16 * 1024 * 1024);
    expect((await publish(`bl${run}-usual`, body)).status).toBe(200);
  });

  describe.each([
    ['embedded', true],
    ['docker', withDocker],
  ] as const)('on the %s runtime', (runtime, available) => {
    const name = tenants[runtime];

    it.runIf(available)('answers 413 over the limit, for Content-Length and chunked bodies, and stores nothing', async () => {
      const created = await createTenant({ name, runtime, maxBodyBytes: 4096 });
      expect(created.status, created.body).toBe(201);
      expect(created.json().maxBodyBytes).toBe(4096);

      const sized = await publish(name, body);
      expect(sized.status).toBe(413);
      expect(sized.headers['content-type']).toBe('application/problem+json;charset=utf-8');
      expect(sized.json().detail).toBe(`The request body of ${body.length} bytes (${formatBytes(body.length)}) is larger than this broker's limit of 4096 bytes (4 KiB).`);
      const chunked = await publish(name, body, { 'Transfer-Encoding': 'chunked' });
      expect(chunked.status).toBe(413);
      expect(chunked.json().detail).toBe("The request body is larger than this broker's limit of 4096 bytes (4 KiB).");
      const pacticipants = await httpRequest(started.port, { path: '/pacticipants', host: `${name}.localhost:${started.port}`, headers: { Accept: 'application/hal+json' } });
      expect(pacticipants.json()._embedded.pacticipants).toEqual([]);
    });
  });
});
