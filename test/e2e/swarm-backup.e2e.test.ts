/**
 * Backups and restores of swarm tenants (issue 12, item 5) on the engine sw1 that `npm test` starts:
 * the platform runs as a swarm service (test/support/swarm-platform.ts) and reaches a tenant's
 * database on its overlay `pactsafs-<t>` through a relay that lasts as long as the backup or restore.
 * Publish with the official CLI → backup through the API → restore into the same tenant and into a
 * new one (`restoreFrom=upload`) → the same reads byte for byte; bad archives change nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack, unpack } from '../support/backup-archive.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startSwarmPlatform, type SwarmPlatform } from '../support/swarm-platform.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

// `npm test` builds pactsafs/platform:local from this tree and copies it into sw1; a run of this
// suite alone may name another build of the tree.
const PLATFORM_IMAGE = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const PORT = 18482;
const SOURCE = 'bka';
const COPY = 'bkb';
const REFUSED = 'bkc';
/** Our broker under a flavour label that is not ours: as the official image looks to the platform (none is on this machine). */
const UNLABELLED_BROKER = 'pactsafs/broker:swarm-backup-unlabelled';
/** What a client reads from a tenant (links name the tenant: taken out, so a copy compares too). */
const READS = [
  '/pacticipants', '/pacticipants/Web/versions', '/pacts/provider/Orders/consumer/Web/latest', '/pacts/provider/Orders/consumer/Web/version/1.0.0',
  '/pacticipants/Web/branches/main', '/environments', '/integrations', '/can-i-deploy?pacticipant=Web&version=1.0.0&to=prod',
];

describe.runIf(provided('swarm'))('backups and restores of swarm tenants (issue 12)', () => {
  let platform: SwarmPlatform;
  let pactDir: string;
  let archive: Buffer;
  let originalReads: Record<string, string>;
  const api = (route: string, init: RequestInit = {}) => fetch(`${platform.base}/api${route}`, init);
  const tenantUrl = (name: string) => `${platform.base}/t/${name}`;
  const restore = (tenant: string, body: Buffer) => api(`/tenants/${tenant}/restore`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body });
  const cli = async (tenant: string, ...args: string[]) => {
    const result = await pactBroker([...args, '--broker-base-url', tenantUrl(tenant)]);
    expect(result.code, `${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
  };
  const download = async (tenant: string) => {
    const answer = await api(`/tenants/${tenant}/backup`);
    expect(answer.status, await answer.clone().text()).toBe(200);
    return Buffer.from(await answer.arrayBuffer());
  };
  async function reads(tenant: string): Promise<Record<string, string>> {
    const answers: Record<string, string> = {};
    for (const route of READS) {
      const answer = await fetch(tenantUrl(tenant) + route, { headers: { Accept: 'application/hal+json' } });
      answers[route] = `${answer.status} ${(await answer.text()).replaceAll(`/t/${tenant}/`, '/t/TENANT/').replaceAll(`/t/${tenant}"`, '/t/TENANT"')}`;
    }
    return answers;
  }
  /** The networks the platform's own container is on: a relay's bridge only during an operation. */
  const platformNetworks = async () => Object.keys(((await (await platform.container()).inspect()) as Dockerode.ContainerInspectInfo).NetworkSettings.Networks).sort();

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(tmpdir(), 'swarm-backup-'));
    await writePactFile(pactDir, 'Web', 'Orders');
    platform = await startSwarmPlatform({
      image: PLATFORM_IMAGE,
      port: PORT,
      name: 'pactsafs-e2e-backup-platform',
      platformId: 'e2e-swarm-backup',
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.remove([SOURCE, COPY, REFUSED]);
    await platform?.docker.getImage(UNLABELLED_BROKER).remove().catch(() => {});
    await rm(pactDir, { recursive: true, force: true });
  }, 180_000);

  it('backs up a swarm tenant published to with the official CLI, through a relay on the tenant network, removed after', async () => {
    const created = await api('/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: SOURCE, runtime: 'swarm' }) });
    expect(created.status, await created.clone().text()).toBe(201);
    await cli(SOURCE, 'publish', pactDir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--tag', 'prod');
    await cli(SOURCE, 'publish', pactDir, '--consumer-app-version', '1.1.0', '--branch', 'feature-x', '--tag', 'dev');
    await cli(SOURCE, 'create-environment', '--name', 'production', '--production');
    await cli(SOURCE, 'record-deployment', '--pacticipant', 'Web', '--version', '1.0.0', '--environment', 'production');
    originalReads = await reads(SOURCE);
    expect(originalReads['/pacticipants/Web/versions']).toContain('1.1.0');

    const started = Date.now();
    archive = await download(SOURCE);
    console.log(`backup of a swarm tenant: ${archive.length} bytes in ${Date.now() - started} ms`);
    const entries = await unpack(archive);
    const manifest = JSON.parse(entries[0]?.content.toString() ?? '{}') as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: 'pactsafs-backup', tenant: SOURCE, runtime: 'swarm', broker: { flavour: 'pactsafs' } });
    expect(manifest.counts).toMatchObject({ pacticipants: 2, versions: 2, tags: 2, deployed_versions: 1 });
    // The platform records the backup and closes the relay once the client has read the stream to its end.
    await until('the backup recorded', async () => ((await (await api(`/tenants/${SOURCE}`)).json()) as { lastBackupAt: string | null }).lastBackupAt ?? undefined, 10_000);
    await until('the platform off the relay\'s bridge', async () => ((await platformNetworks()).join() === 'pactsafs-gateway' ? true : undefined), 10_000);
  }, 240_000);

  it('restores into the same tenant: data changed since are gone, the reads are the backup\'s byte for byte', async () => {
    await cli(SOURCE, 'publish', pactDir, '--consumer-app-version', '2.0.0', '--branch', 'main');
    expect(await reads(SOURCE)).not.toEqual(originalReads);
    const started = Date.now();
    const restored = await restore(SOURCE, archive);
    expect(restored.status, await restored.clone().text()).toBe(200);
    console.log(`restore into a running swarm tenant: ${Date.now() - started} ms`);
    expect(await reads(SOURCE)).toEqual(originalReads);
    expect(await platformNetworks()).toEqual(['pactsafs-gateway']);
  }, 120_000);

  it('refuses bad archives and changes nothing', async () => {
    const truncated = await restore(SOURCE, archive.subarray(0, Math.floor(archive.length / 2)));
    expect(truncated.status).toBe(422);
    expect(((await truncated.json()) as { detail: string }).detail).toMatch(/truncated/);
    const tampered = Buffer.from(archive);
    const at = tampered.indexOf('1.1.0', 1024);
    expect(at).toBeGreaterThan(0);
    tampered.write('1.1.9', at);
    const changed = await restore(SOURCE, tampered);
    expect(changed.status).toBe(422);
    expect(((await changed.json()) as { detail: string }).detail).toMatch(/checksum/);
    expect(((await (await api(`/tenants/${SOURCE}`)).json()) as { state: string }).state).toBe('running');
    expect(await reads(SOURCE)).toEqual(originalReads);
    expect(await platformNetworks()).toEqual(['pactsafs-gateway']);
  }, 120_000);

  it('creates a new swarm tenant from the backup (restoreFrom=upload) with the same reads', async () => {
    const started = Date.now();
    const created = await api(`/tenants?restoreFrom=upload&name=${COPY}&runtime=swarm`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive });
    expect(created.status, await created.clone().text()).toBe(201);
    console.log(`new swarm tenant from a backup, serving: ${Date.now() - started} ms`);
    expect(await reads(COPY)).toEqual(originalReads);
    expect(await platformNetworks()).toEqual(['pactsafs-gateway']);

    const refused = await api(`/tenants?restoreFrom=upload&name=${REFUSED}&runtime=swarm`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive.subarray(0, 2000) });
    expect(refused.status).toBe(422);
    expect((await api(`/tenants/${REFUSED}`)).status).toBe(404);
    expect(await platform.docker.listServices({ filters: { label: [`pactsafs.tenant=${REFUSED}`] } })).toEqual([]);
  }, 240_000);

  it('backs up a stopped swarm tenant (its database service keeps running) and the backup restores', async () => {
    expect((await api(`/tenants/${COPY}/stop`, { method: 'POST' })).status).toBe(200);
    const stoppedArchive = await download(COPY);
    const manifest = JSON.parse((await unpack(stoppedArchive))[0]?.content.toString() ?? '{}') as { tenant: string; counts: unknown };
    expect(manifest.tenant).toBe(COPY);
    expect(manifest.counts).toMatchObject({ pacticipants: 2, versions: 2 });
    expect((await api(`/tenants/${COPY}/start`, { method: 'POST' })).status).toBe(200);
    const restored = await restore(COPY, stoppedArchive);
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect(await reads(COPY)).toEqual(originalReads);
  }, 180_000);

  it('refuses our rows archive for a tenant that now runs a broker image not ours (the official image is backed up with pg_dump: swarm-official-backup)', async () => {
    const context = await pack([{ header: { name: 'Dockerfile' }, content: Buffer.from('FROM pactsafs/broker:local\nLABEL pactsafs.broker-flavour=official\n') }]);
    const build = await platform.docker.buildImage(Readable.from(context), { t: UNLABELLED_BROKER });
    await new Promise((resolve, reject) => platform.docker.modem.followProgress(build, (error) => (error ? reject(error) : resolve(undefined))));
    const upgraded = await api(`/tenants/${COPY}/upgrade`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ image: UNLABELLED_BROKER }) });
    expect(upgraded.status, await upgraded.clone().text()).toBe(200);

    const refused = await restore(COPY, archive);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/runs the official broker image/);
    expect(await reads(COPY)).toEqual(originalReads);
    expect(await platformNetworks()).toEqual(['pactsafs-gateway']);
  }, 180_000);
});
