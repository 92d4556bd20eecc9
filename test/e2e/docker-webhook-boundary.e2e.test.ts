/**
 * Issue 11, defect 1: a docker tenant's broker is published on 127.0.0.1 for the gateway alone. An
 * embedded tenant that allow-lists 127.0.0.1 must not reach it with a webhook: that would write into
 * another tenant past the gateway's checks.
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

describe.runIf(provided('docker'))("webhooks and docker tenants' published brokers", () => {
  let started: StartedPlatform;
  let port: number;
  const call = (method: string, urlPath: string, body?: unknown, host = `127.0.0.1:${port}`) =>
    httpRequest(port, { method, path: urlPath, host, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    started = await startPlatform({
      PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local',
      PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15',
      PACTSAFS_INTERNAL_PORTS: '22000-22999',
    });
    port = started.port;
    for (const tenant of [{ name: victim, runtime: 'docker' }, { name: insider, webhookHostWhitelist: ['127.0.0.1'], webhookSchemeWhitelist: ['http'] }]) {
      const created = await call('POST', '/api/tenants', tenant);
      expect(created.status, created.body).toBe(201);
    }
  });

  afterAll(async () => {
    await started?.close();
    await removeTenantObjects(docker, [victim]);
  });

  it("refuses a webhook to another tenant's broker port on loopback, even with 127.0.0.1 allow-listed", async () => {
    const broker = await docker.getContainer(`pactsafs-${victim}-broker`).inspect();
    const brokerPort = broker.HostConfig.PortBindings['9292/tcp'][0].HostPort as string;
    const request = { method: 'POST', url: `http://127.0.0.1:${brokerPort}/pacticipants`, headers: json, body: { name: 'Planted' } };
    const executed = await call('POST', `/t/${insider}/webhooks/execute`, { request });
    expect(executed.json()).toMatchObject({ success: false, error: { message: expect.stringContaining(`refused: port ${brokerPort} of 127.0.0.1 `) } });
    expect((await call('GET', `/t/${victim}/pacticipants/Planted`)).status).toBe(404);
  });
});
