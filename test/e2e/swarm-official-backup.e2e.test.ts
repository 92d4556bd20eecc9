/**
 * Backups and restores of a swarm tenant on the official broker image (issue 12, item 5) on the
 * engine sw1: the platform, a swarm service, runs pg_dump and psql itself (its image has Debian's
 * postgresql-client-15) against the tenant's database through the relay on the tenant's overlay,
 * so the database may be on any node; nothing is exec'ed in the database's container.
 * The official image cannot be pulled here (no registry): as in backup-restore.e2e.test.ts, a
 * stand-in made on sw1 from our broker image under another flavour label takes its place, and the
 * platform drives it exactly as it drives the official one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execIn } from '../support/docker-cleanup.js';
import { pack, unpack } from '../support/backup-archive.js';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { startSwarmPlatform, type SwarmPlatform } from '../support/swarm-platform.js';
import { provided } from '../support/test-parts.js';

const PLATFORM_IMAGE = process.env.PACTSAFS_TEST_PLATFORM_IMAGE ?? 'pactsafs/platform:local';
const PORT = 18484;
const TENANT = 'ofa';
const STAND_IN = 'pactsafs/broker-official-stand-in:swarm-test';

describe.runIf(provided('swarm'))('backups and restores of a swarm tenant on the official image (pg_dump, issue 12)', () => {
  let platform: SwarmPlatform;
  let pactDir: string;
  let archive: Buffer;
  const api = (route: string, init: RequestInit = {}) => fetch(`${platform.base}/api${route}`, init);
  const restore = (body: Buffer) => api(`/tenants/${TENANT}/restore`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body });
  const publish = async (version: string) => {
    const result = await pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '--broker-base-url', `${platform.base}/t/${TENANT}`]);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  };
  const versions = async () => {
    const answer = await fetch(`${platform.base}/t/${TENANT}/pacticipants/Web/versions`, { headers: { Accept: 'application/hal+json' } });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { _embedded: { versions: { number: string }[] } })._embedded.versions.map((version) => version.number).sort();
  };
  /** What an operation may leave in the platform's container: networks besides pactsafs-gateway (the relay's bridge), passfiles in /tmp. */
  const platformLeftovers = async () => {
    const container = await platform.container();
    const networks = Object.keys(((await container.inspect()) as Dockerode.ContainerInspectInfo).NetworkSettings.Networks).filter((name) => name !== 'pactsafs-gateway');
    const passfiles = (await execIn(container, ['sh', '-c', 'ls /tmp | grep pactsafs-pg- || true'])).output.trim();
    return { networks, passfiles };
  };

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(tmpdir(), 'swarm-official-'));
    await writePactFile(pactDir, 'Web', 'Orders');
    platform = await startSwarmPlatform({ image: PLATFORM_IMAGE, port: PORT, name: 'pactsafs-e2e-official-platform', platformId: 'e2e-swarm-official' });
    const context = await pack([{ header: { name: 'Dockerfile' }, content: Buffer.from('FROM pactsafs/broker:local\nLABEL pactsafs.broker-flavour="official-stand-in"\n') }]);
    const build = await platform.docker.buildImage(Readable.from(context), { t: STAND_IN });
    await new Promise((resolve, reject) => platform.docker.modem.followProgress(build, (error) => (error ? reject(error) : resolve(undefined))));
  }, 180_000);
  afterAll(async () => {
    await platform?.remove([TENANT]);
    await platform?.docker.getImage(STAND_IN).remove().catch(() => {});
    await rm(pactDir, { recursive: true, force: true });
  }, 180_000);

  it('backs up with pg_dump run by the platform, through the relay, leaving nothing behind', async () => {
    const created = await api('/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: TENANT, runtime: 'swarm' }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const upgraded = await api(`/tenants/${TENANT}/upgrade`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ image: STAND_IN }) });
    expect(upgraded.status, await upgraded.clone().text()).toBe(200);
    await publish('1.0.0');

    const started = Date.now();
    const answer = await api(`/tenants/${TENANT}/backup`);
    expect(answer.status, await answer.clone().text()).toBe(200);
    archive = Buffer.from(await answer.arrayBuffer());
    console.log(`pg_dump backup of a swarm tenant: ${archive.length} bytes in ${Date.now() - started} ms`);
    const entries = await unpack(archive);
    expect(entries.map((entry) => entry.header.name)).toEqual(['manifest.json', 'database.sql', 'checksums.json']);
    expect(JSON.parse(entries[0]?.content.toString() ?? '{}')).toMatchObject({ tenant: TENANT, runtime: 'swarm', broker: { flavour: 'official' } });
    expect(entries[1]?.content.toString()).toContain('PostgreSQL database dump');
    expect(await platformLeftovers()).toEqual({ networks: [], passfiles: '' });
  }, 240_000);

  it('refuses a damaged archive and changes nothing', async () => {
    await publish('2.0.0');
    const entries = await unpack(archive);
    const damaged = await pack(entries.map((entry) => (entry.header.name === 'database.sql' ? { ...entry, content: Buffer.from(entry.content.toString().replace('\t1.0.0\t', '\t1.0.9\t')) } : entry)));
    expect(damaged.equals(archive)).toBe(false);
    const refused = await restore(damaged);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/checksum/);
    expect(await versions()).toEqual(['1.0.0', '2.0.0']);
    expect(await platformLeftovers()).toEqual({ networks: [], passfiles: '' });
  }, 120_000);

  it('restores with psql into a staging database swapped in: the later publish is gone', async () => {
    const started = Date.now();
    const restored = await restore(archive);
    expect(restored.status, await restored.clone().text()).toBe(200);
    console.log(`psql restore into a running swarm tenant (broker restarted once): ${Date.now() - started} ms`);
    expect(await versions()).toEqual(['1.0.0']);
    expect(((await (await api(`/tenants/${TENANT}`)).json()) as { state: string }).state).toBe('running');
    expect(await platformLeftovers()).toEqual({ networks: [], passfiles: '' });
  }, 180_000);
});
