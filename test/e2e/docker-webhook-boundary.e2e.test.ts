/**
 * Issue 11, defect 1, and issue 12: the platform reaches a docker tenant's broker on its address on the
 * gateway network, for the gateway alone. An embedded tenant that allow-lists that address must not
 * reach it with a webhook: that would write into another tenant past the gateway's checks.
 */
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTenantObjects } from '../support/docker-cleanup.js';
import { httpRequest } from '../support/http-client.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';

const docker = new Dockerode();
const run = randomBytes(3).toString('hex');
const [victim, insider] = [`wb${run}-victim`, `wb${run}-insider`];
const json = { 'Content-Type': 'application/json' };

describe.runIf(provided('docker'))("webhooks and docker tenants' brokers on the gateway network", () => {
  let started: StartedPlatform;
  let port: number;
  let brokerAddress: string;
  const call = (method: string, urlPath: string, body?: unknown, host = `127.0.0.1:${port}`) =>
    httpRequest(port, { method, path: urlPath, host, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    started = await startPlatform({
      PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local',
      PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15',
    });
    port = started.port;
    const created = await call('POST', '/api/tenants', { name: victim, runtime: 'docker' });
    expect(created.status, created.body).toBe(201);
    brokerAddress = (await docker.getContainer(`pactsafs-${victim}-broker`).inspect()).NetworkSettings.Networks['pactsafs-gateway']!.IPAddress;
    const insiderCreated = await call('POST', '/api/tenants', { name: insider, webhookHostWhitelist: [brokerAddress], webhookSchemeWhitelist: ['http'] });
    expect(insiderCreated.status, insiderCreated.body).toBe(201);
  });

  afterAll(async () => {
    await started?.close();
    await removeTenantObjects(docker, [victim]);
  });

  it("refuses a webhook to another tenant's broker on the gateway network, even with its address allow-listed", async () => {
    // The platform's host reaches that address (the gateway proxies there): only the refusal keeps the webhook out.
    expect((await httpRequest(9292, { address: brokerAddress, path: '/diagnostic/status/heartbeat' })).status).toBe(200);
    const request = { method: 'POST', url: `http://${brokerAddress}:9292/pacticipants`, headers: json, body: { name: 'Planted' } };
    const executed = await call('POST', `/t/${insider}/webhooks/execute`, { request });
    expect(executed.json()).toMatchObject({ success: false, error: { message: expect.stringContaining(`refused: port 9292 of ${brokerAddress} `) } });
    expect((await call('GET', `/t/${victim}/pacticipants/Planted`)).status).toBe(404);
  });
});
