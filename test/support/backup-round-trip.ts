import { expect } from 'vitest';
import { httpRequest } from './http-client.js';
import { pactBroker } from './pact-cli.js';

/**
 * Backs a tenant up, publishes consumer version 2 with the official CLI, restores the backup, and
 * checks that only version 1 is left: the restore really replaced the data (the tenant must hold
 * version 1 of consumer Web and nothing newer when called).
 */
export async function restoreUndoesALaterPublish(port: number, tenant: string, pactDir: string): Promise<void> {
  const backup = await fetch(`http://127.0.0.1:${port}/api/tenants/${tenant}/backup`);
  expect(backup.status).toBe(200);
  const archive = Buffer.from(await backup.arrayBuffer());
  const base = `http://127.0.0.1:${port}/t/${tenant}`;
  expect((await pactBroker(['publish', pactDir, '--consumer-app-version', '2', '--branch', 'main', '--broker-base-url', base])).code).toBe(0);
  const restored = await fetch(`http://127.0.0.1:${port}/api/tenants/${tenant}/restore`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive });
  expect(restored.status, await restored.clone().text()).toBe(200);
  const versions = (await httpRequest(port, { path: `/t/${tenant}/pacticipants/Web/versions`, host: `127.0.0.1:${port}` })).json();
  expect(versions._embedded.versions.map((version: { number: string }) => version.number)).toEqual(['1']);
}
