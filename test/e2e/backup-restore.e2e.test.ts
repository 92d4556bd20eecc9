import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack, unpack, withFreshChecksums, type ArchiveEntry } from '../support/backup-archive.js';
import { execIn, removeTenantObjects } from '../support/docker-cleanup.js';
import { pactBroker, pactVerifier, writePactFile } from '../support/pact-cli.js';
import { startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { provided } from '../support/test-parts.js';
import { until } from '../support/until.js';

const withDocker = provided('docker');
const RESTORE_MAX_BYTES = 4 * 2 ** 20;
const tenantsMade = new Set<string>();

/** Issue #4: backups are consistent tar streams; restores are validated, staged and atomic, on both runtimes. */
describe('backup and restore', () => {
  let started: StartedPlatform;
  let pactDir: string;

  const url = (pathname: string) => `http://127.0.0.1:${started.port}${pathname}`;
  const api = (pathname: string, init?: RequestInit) => fetch(url(pathname), init);
  const base = (tenant: string) => url(`/t/${tenant}`);
  const download = async (tenant: string) => {
    const answer = await api(`/api/tenants/${tenant}/backup`);
    expect(answer.status, await answer.clone().text().catch(() => '')).toBe(200);
    return Buffer.from(await answer.arrayBuffer());
  };
  const restore = (tenant: string, archive: Buffer, type = 'application/x-tar') =>
    api(`/api/tenants/${tenant}/restore`, { method: 'POST', headers: { 'Content-Type': type }, body: archive });
  /** A restore that sends most of `archive` and holds the rest back; settles once the platform is gone. */
  const stalledRestore = (tenant: string, archive: Buffer) =>
    api(`/api/tenants/${tenant}/restore`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-tar' },
      body: slowBody(archive, Math.floor(archive.length * 0.8)),
      duplex: 'half',
    } as RequestInit).catch(() => undefined);

  async function createTenant(name: string, runtime: 'embedded' | 'docker'): Promise<void> {
    tenantsMade.add(name);
    const answer = await api('/api/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, runtime }) });
    expect(answer.status, await answer.clone().text()).toBe(201);
  }

  /** Pacts, versions, branches, tags, an environment with a deployment, and the official verifier's results. */
  async function publishContracts(tenant: string): Promise<void> {
    const cli = async (...args: string[]) => {
      const result = await pactBroker([...args, '--broker-base-url', base(tenant)]);
      expect(result.code, `${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
    };
    await cli('publish', pactDir, '--consumer-app-version', '1.0.0', '--branch', 'main', '--tag', 'prod');
    await cli('publish', pactDir, '--consumer-app-version', '1.1.0', '--branch', 'feature-x', '--tag', 'dev');
    await cli('create-environment', '--name', 'production', '--production');
    await cli('record-deployment', '--pacticipant', 'Web', '--version', '1.0.0', '--environment', 'production');
    const provider = await startProvider();
    try {
      const verified = await pactVerifier([
        '--broker-url', base(tenant), '--provider-name', 'Orders', '--hostname', '127.0.0.1', '--port', String((provider.address() as AddressInfo).port),
        '--consumer-version-selectors', JSON.stringify({ mainBranch: true }), '--provider-branch', 'main', '--publish', '--provider-version', '2.0.0',
      ]);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    } finally {
      await new Promise((resolve) => provider.close(resolve));
    }
  }

  /** What clients read from a tenant, with the tenant's name taken out of links (so moves compare too). */
  async function reads(tenant: string): Promise<Record<string, string>> {
    const paths = [
      '/', '/pacticipants', '/pacticipants/Web', '/pacticipants/Web/versions', '/pacticipants/Orders/versions',
      '/pacts/provider/Orders/consumer/Web/latest', '/pacts/provider/Orders/consumer/Web/version/1.0.0', '/pacts/latest',
      '/pacticipants/Web/versions/1.0.0/tags/prod', '/pacticipants/Web/branches/main', '/environments', '/integrations',
      '/matrix?q[][pacticipant]=Web&q[][version]=1.0.0&q[][pacticipant]=Orders&q[][version]=2.0.0&latestby=cvpv',
      '/can-i-deploy?pacticipant=Web&version=1.0.0&to=prod',
    ];
    const answers: Record<string, string> = {};
    for (const pathname of paths) {
      const answer = await fetch(base(tenant) + pathname, { headers: { Accept: 'application/hal+json' } });
      answers[pathname] = `${answer.status} ${(await answer.text()).replaceAll(`/t/${tenant}/`, '/t/TENANT/').replaceAll(`/t/${tenant}"`, '/t/TENANT"')}`;
    }
    return answers;
  }

  beforeAll(async () => {
    pactDir = await webOrdersPactDir();
    started = await startPlatform({
      PACTSAFS_RESTORE_MAX_BYTES: String(RESTORE_MAX_BYTES),
      PACTSAFS_BROKER_IMAGE: 'pactsafs/broker:local',
      PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15',
    });
  });

  afterAll(async () => {
    await started?.close();
    if (withDocker) await removeTenantObjects(new Dockerode(), [...tenantsMade]);
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  let original: Buffer;
  let originalReads: Record<string, string>;

  it('backs up an embedded tenant as manifest, data and checksums, and restores it to the same reads, byte for byte', async () => {
    await createTenant('keep', 'embedded');
    await publishContracts('keep');
    originalReads = await reads('keep');
    original = await download('keep');

    const entries = await unpack(original);
    expect(entries[0]?.header.name).toBe('manifest.json');
    expect(entries.at(-1)?.header.name).toBe('checksums.json');
    const manifest = JSON.parse(entries[0]!.content.toString());
    expect(manifest).toMatchObject({ format: 'pactsafs-backup', formatVersion: 1, tenant: 'keep', runtime: 'embedded', broker: { flavour: 'pactsafs' } });
    expect(manifest.counts).toMatchObject({ pacticipants: 2, versions: 3, tags: 2, verifications: 1, deployed_versions: 1 });
    const tenant = await readJson(await api('/api/tenants/keep'));
    expect(tenant.lastBackupAt).toBe(manifest.createdAt);

    // Changes after the backup: a new version and a removed tag.
    expect((await pactBroker(['publish', pactDir, '--consumer-app-version', '3.0.0', '--branch', 'main', '--broker-base-url', base('keep')])).code).toBe(0);
    expect((await pactBroker(['delete-version-tag', '--pacticipant', 'Web', '--version', '1.0.0', '--tag', 'prod', '--broker-base-url', base('keep')])).code).toBe(0);
    expect(await reads('keep')).not.toEqual(originalReads);

    const restored = await restore('keep', original);
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect((await readJson(restored)).restoredFrom).toMatchObject({ tenant: 'keep', createdAt: manifest.createdAt });
    expect(await reads('keep')).toEqual(originalReads);
  });

  describe('refuses every kind of bad archive with a clear 4xx and changes nothing', () => {
    const edit = async (change: (entries: ArchiveEntry[]) => ArchiveEntry[]) => pack(change(await unpack(original)));
    const file = (name: string, content = 'x') => ({ header: { name }, content: Buffer.from(content) });
    const manifestWith = (entries: ArchiveEntry[], changes: Record<string, unknown>) =>
      entries.map((entry) =>
        entry.header.name === 'manifest.json'
          ? { ...entry, content: Buffer.from(JSON.stringify({ ...JSON.parse(entry.content.toString()), ...changes })) }
          : entry,
      );
    /** The entries with the first row of `table` changed: a hostile archive whose checksums match (issue 11). */
    const rowChanged = (entries: ArchiveEntry[], table: string, changes: Record<string, unknown>) =>
      withFreshChecksums(
        entries.map((entry) => {
          if (!entry.header.name.startsWith(`data/${table}.000001`)) return entry;
          const [first = '', ...rest] = entry.content.toString().split('\n');
          return { ...entry, content: Buffer.from([JSON.stringify({ ...JSON.parse(first), ...changes }), ...rest].join('\n')) };
        }),
      );
    const cases: Array<[string, () => Promise<Buffer>, number, RegExp, string?]> = [
      ['pact content that is not JSON', () => edit((entries) => rowChanged(entries, 'pact_versions', { content: 'not json' })), 400, /^The backup was not restored\. Row 1 of "pact_versions" does not fit the table: "content" holds the text "not json"; it must be a JSON object as text\.$/],
      ['a string in an integer column', () => edit((entries) => rowChanged(entries, 'versions', { order: 'abc' })), 400, /Row 1 of "versions" does not fit the table: "order" holds the text "abc"; it must be a whole number\./],
      ['a manifest tenant that is no tenant name', () => edit((entries) => withFreshChecksums(manifestWith(entries, { tenant: '<b>x</b>' }))), 400, /manifest.json does not name a valid tenant: The tenant name "<b>x<\/b>" may contain only/],
      ['truncated', async () => original.subarray(0, Math.floor(original.length / 2)), 422, /truncated/],
      ['wrong checksum', () => edit((entries) => entries.map((entry) => (entry.header.name.startsWith('data/versions') ? { ...entry, content: Buffer.from(entry.content.toString().replace('1.1.0', '1.1.9')) } : entry))), 422, /does not match its checksum/],
      ['traversal name', () => edit((entries) => [entries[0]!, file('../../evil'), ...entries.slice(1)]), 422, /outside the archive/],
      ['absolute name', () => edit((entries) => [entries[0]!, file('/etc/cron.d/evil'), ...entries.slice(1)]), 422, /absolute path/],
      ['symlink entry', () => edit((entries) => [entries[0]!, { header: { name: 'data/pacticipants.000009.ndjson', type: 'symlink', linkname: '/etc/passwd' }, content: Buffer.alloc(0) }, ...entries.slice(1)]), 422, /symlink/],
      ['hard link entry', () => edit((entries) => [entries[0]!, { header: { name: 'data/pacticipants.000009.ndjson', type: 'link', linkname: 'manifest.json' }, content: Buffer.alloc(0) }, ...entries.slice(1)]), 422, /link/],
      ['device entry', () => edit((entries) => [entries[0]!, { header: { name: 'data/pacticipants.000009.ndjson', type: 'character-device', devmajor: 1, devminor: 3 }, content: Buffer.alloc(0) }, ...entries.slice(1)]), 422, /character-device/],
      ['oversize', () => edit((entries) => withFreshChecksums([...entries.slice(0, -1), file('data/webhooks.000001.ndjson', 'x'.repeat(RESTORE_MAX_BYTES))])), 413, /larger than the 4 MiB/],
      ['wrong format version', () => edit((entries) => withFreshChecksums(manifestWith(entries, { formatVersion: 2 }))), 422, /format version 2; this platform reads version 1/],
      ['newer schema', () => edit((entries) => withFreshChecksums(manifestWith(entries, { schemaVersion: '999-future' }))), 422, /newer platform/],
      ['rows missing (counts disagree)', () => edit((entries) => withFreshChecksums(entries.filter((entry) => !entry.header.name.startsWith('data/tags')))), 422, /manifest counts 2 rows of "tags"/],
      ['manifest not first', () => edit((entries) => [...entries.slice(1, -1), entries[0]!, entries.at(-1)!]), 422, /starts with manifest.json/],
      ['not a tar', async () => Buffer.from('{"this is": "not a tar archive at all"}'.repeat(40)), 422, /not a tar archive/],
      ['gzip-compressed', async () => gzipSync(original), 422, /gzip/],
      ['empty', async () => Buffer.alloc(0), 400, /empty/],
      ['sent as JSON', async () => original, 415, /application\/x-tar/, 'application/json'],
    ];

    it.each(cases)('%s', async (_name, archive, status, detail, contentType) => {
      const answer = await restore('keep', await archive(), contentType);
      const problem = await readJson(answer);
      expect(answer.status, JSON.stringify(problem)).toBe(status);
      expect(problem.detail).toMatch(detail);
      expect((await readJson(await api('/api/tenants/keep'))).state).toBe('running');
      expect(await reads('keep')).toEqual(originalReads);
      await expect(access(path.join(started.dataDir, 'tenants/keep/restore-staging.sqlite'))).rejects.toThrow();
    });
  });

  it('creates a new tenant from a backup (a clone), and makes none from a bad one', async () => {
    const created = await api('/api/tenants?restoreFrom=upload&name=copy', { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: original });
    tenantsMade.add('copy');
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await reads('copy')).toEqual(originalReads);

    const refused = await api('/api/tenants?restoreFrom=upload&name=nocopy', { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: original.subarray(0, 2000) });
    expect(refused.status).toBe(422);
    expect((await api('/api/tenants/nocopy')).status).toBe(404);
  });

  it('takes a self-consistent backup while a client keeps publishing', async () => {
    await createTenant('busy', 'embedded');
    let publishing = true;
    let published = 0;
    const publisher = (async () => {
      while (publishing) {
        published += 1;
        const pact = { consumer: { name: 'Busy' }, provider: { name: 'Orders' }, interactions: [{ description: `call ${published}`, request: { method: 'GET', path: `/n/${published}` }, response: { status: 200 } }], metadata: { pactSpecification: { version: '2.0.0' } } };
        const put = await fetch(`${base('busy')}/pacts/provider/Orders/consumer/Busy/version/${published}.0.0`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pact) });
        expect(put.status).toBeLessThan(300);
      }
    })();
    await until('some publications', async () => (published > 20 ? true : undefined));
    const during = await download('busy');
    const after = published;
    publishing = false;
    await publisher;

    const manifest = JSON.parse((await unpack(during))[0]!.content.toString());
    expect(manifest.counts.versions).toBeGreaterThan(10);
    expect(manifest.counts.versions).toBeLessThanOrEqual(after);
    const answer = await api('/api/tenants?restoreFrom=upload&name=busycopy', { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: during });
    tenantsMade.add('busycopy');
    expect(answer.status, await answer.clone().text()).toBe(201);
    // Every version in the copy has its pact, and the latest pact is that of the newest version.
    const versions = (await readJson(await fetch(`${base('busycopy')}/pacticipants/Busy/versions`)))._embedded.versions as Array<{ number: string }>;
    expect(versions).toHaveLength(manifest.counts.versions);
    for (const { number } of versions) {
      expect((await fetch(`${base('busycopy')}/pacts/provider/Orders/consumer/Busy/version/${number}`)).status).toBe(200);
    }
    const latest = await readJson(await fetch(`${base('busycopy')}/pacts/provider/Orders/consumer/Busy/latest`));
    expect(latest.interactions[0].description).toBe(`call ${manifest.counts.versions}`);
  });

  it.runIf(withDocker)('moves a tenant from embedded to docker and back, and round-trips a docker tenant', async () => {
    await createTenant('dock', 'docker');
    expect((await restore('dock', original)).status).toBe(200);
    expect(await reads('dock')).toEqual(originalReads);

    const fromDocker = await download('dock');
    const manifest = JSON.parse((await unpack(fromDocker))[0]!.content.toString());
    expect(manifest).toMatchObject({ tenant: 'dock', runtime: 'docker' });
    const back = await api('/api/tenants?restoreFrom=upload&name=back&runtime=embedded', { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: fromDocker });
    tenantsMade.add('back');
    expect(back.status, await back.clone().text()).toBe(201);
    expect(await reads('back')).toEqual(originalReads);

    // Round trip on docker: changes after the backup disappear; a bad archive changes nothing there either.
    expect((await pactBroker(['publish', pactDir, '--consumer-app-version', '4.0.0', '--branch', 'main', '--broker-base-url', base('dock')])).code).toBe(0);
    expect((await restore('dock', fromDocker.subarray(0, 3000))).status).toBe(422);
    expect(await reads('dock')).not.toEqual(originalReads);
    expect((await restore('dock', fromDocker)).status).toBe(200);
    expect(await reads('dock')).toEqual(originalReads);

    // Killed while loading the staging schema: the live schema was never touched.
    const upload = stalledRestore('dock', fromDocker);
    const db = new Dockerode().getContainer('pactsafs-dock-db');
    await until('the staging schema to be loading', async () => {
      const { output } = await execIn(db, ['psql', '-U', 'pactbroker', '-d', 'pactbroker', '-tAc', "select count(*) from pg_tables where schemaname = 'pactsafs_restore'"]);
      return Number(output.trim()) > 0 ? true : undefined;
    });
    await started.platform.stop('SIGKILL');
    await upload;
    await started.platform.start();
    await until('the docker tenant back', async () => ((await fetch(`${base('dock')}/diagnostic/status/heartbeat`)).status === 200 ? true : undefined));
    expect(await reads('dock')).toEqual(originalReads);
    expect((await restore('dock', fromDocker)).status).toBe(200);
  });

  it('brings a failed tenant whose database is gone back from a backup', async () => {
    await createTenant('lost', 'embedded');
    expect((await restore('lost', original)).status).toBe(200);
    await started.platform.stop('SIGKILL');
    await rm(path.join(started.dataDir, 'tenants/lost/broker.sqlite'));
    await started.platform.start();
    const failed = await readJson(await api('/api/tenants/lost'));
    expect(failed).toMatchObject({ state: 'failed', reason: expect.stringContaining('database file') });

    const restored = await restore('lost', original);
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect(await readJson(restored)).toMatchObject({ state: 'running', reason: null });
    expect(await reads('lost')).toEqual(originalReads);
  });

  it('comes back with the old data intact when killed with SIGKILL in the middle of a restore', async () => {
    await createTenant('crash', 'embedded');
    expect((await pactBroker(['publish', pactDir, '--consumer-app-version', '5.0.0', '--branch', 'main', '--broker-base-url', base('crash')])).code).toBe(0);
    const before = await reads('crash');

    // Kill the platform while the restore is loading.
    const upload = stalledRestore('crash', original);
    await until('the restore to be loading', async () => (await access(path.join(started.dataDir, 'tenants/crash/restore-staging.sqlite')).then(() => true, () => undefined)));
    await started.platform.stop('SIGKILL');
    await upload;
    await started.platform.start();

    await until('the tenant back', async () => ((await api('/api/tenants/crash')).status === 200 && (await fetch(`${base('crash')}/diagnostic/status/heartbeat`)).status === 200 ? true : undefined));
    expect(await reads('crash')).toEqual(before);
    await expect(access(path.join(started.dataDir, 'tenants/crash/restore-staging.sqlite'))).rejects.toThrow();
  });
});

/**
 * Tenants on the official broker image are backed up with pg_dump and restored with psql. That
 * image cannot be pulled here (no registry): a stand-in made from our broker image without our
 * flavour label takes its place, so the platform drives it exactly as it drives the official one.
 */
describe.runIf(withDocker)('backup and restore of a tenant on the official image (pg_dump)', () => {
  const STAND_IN = 'pactsafs/broker-official-stand-in:test';
  const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump';
  const docker = new Dockerode();
  let started: StartedPlatform;
  let pactDir: string;
  const url = (pathname: string) => `http://127.0.0.1:${started.port}${pathname}`;
  const api = (pathname: string, init?: RequestInit) => fetch(url(pathname), init);
  const restore = (tenant: string, archive: Buffer) => api(`/api/tenants/${tenant}/restore`, { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive });
  const versions = async () => (await readJson(await fetch(url('/t/official/pacticipants/Web/versions'))))._embedded.versions.map((v: { number: string }) => v.number);

  beforeAll(async () => {
    const context = await pack([{ header: { name: 'Dockerfile' }, content: Buffer.from('FROM pactsafs/broker:local\nLABEL pactsafs.broker-flavour="official-stand-in"\n') }]);
    const build = await docker.buildImage(Readable.from(context), { t: STAND_IN });
    await new Promise((resolve, reject) => docker.modem.followProgress(build, (error) => (error ? reject(error) : resolve(undefined))));
    pactDir = await webOrdersPactDir();
    started = await startPlatform({ PACTSAFS_BROKER_IMAGE: STAND_IN, PACTSAFS_POSTGRES_IMAGE: 'pactsafs/postgres:15' });
  });

  afterAll(async () => {
    await started?.close();
    await removeTenantObjects(docker, ['official']);
    await docker.getImage(STAND_IN).remove().catch(() => {});
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  it('dumps with pg_dump, restores with psql into a staging database swapped in, and refuses what does not fit', async () => {
    const created = await api('/api/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'official', runtime: 'docker' }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const publish = (version: string) => pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '--broker-base-url', url('/t/official')]);
    expect((await publish('1.0.0')).code).toBe(0);

    const answer = await api('/api/tenants/official/backup');
    expect(answer.status).toBe(200);
    const archive = Buffer.from(await answer.arrayBuffer());
    const entries = await unpack(archive);
    expect(entries.map((entry) => entry.header.name)).toEqual(['manifest.json', 'database.sql', 'checksums.json']);
    expect(JSON.parse(entries[0]!.content.toString())).toMatchObject({ tenant: 'official', runtime: 'docker', broker: { flavour: 'official' }, schemaVersion: null });
    expect(entries[1]!.content.toString()).toContain('PostgreSQL database dump');
    const spoolDir = path.join(started.dataDir, 'spool');
    expect(await readdir(spoolDir)).toEqual([]);

    // pg_dump fails (here: it is gone from the db container): an error answer, not a cut-off tar.
    const db = docker.getContainer('pactsafs-official-db');
    expect((await execIn(db, ['mv', PG_DUMP, `${PG_DUMP}.away`])).code).toBe(0);
    try {
      const failed = await api('/api/tenants/official/backup');
      expect(failed.status).toBe(500);
      expect((await readJson(failed)).detail).toMatch(/^pg_dump failed \(exit \d+\)/);
    } finally {
      await execIn(db, ['mv', `${PG_DUMP}.away`, PG_DUMP]);
    }
    expect(await readdir(spoolDir)).toEqual([]);

    expect((await publish('2.0.0')).code).toBe(0);
    // A damaged dump is loaded into the staging database, then refused by its checksum: nothing changes.
    const damaged = await pack(entries.map((entry) => (entry.header.name === 'database.sql' ? { ...entry, content: Buffer.from(entry.content.toString().replace('\t1.0.0\t', '\t1.0.9\t')) } : entry)));
    expect(damaged.equals(archive)).toBe(false);
    const refused = await restore('official', damaged);
    expect(refused.status).toBe(422);
    expect((await readJson(refused)).detail).toMatch(/database.sql" does not match its checksum/);
    expect(await versions()).toEqual(['2.0.0', '1.0.0']);

    const restored = await restore('official', archive);
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect(await versions()).toEqual(['1.0.0']);
    expect((await readJson(await api('/api/tenants/official'))).state).toBe('running');

    // Rows of our broker do not fit the official schema, and a pg_dump does not fit ours.
    const ours = await api('/api/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'ours', runtime: 'embedded' }) });
    expect(ours.status).toBe(201);
    const oursArchive = Buffer.from(await (await api('/api/tenants/ours/backup')).arrayBuffer());
    const intoOfficial = await restore('official', oursArchive);
    expect(intoOfficial.status).toBe(422);
    expect((await readJson(intoOfficial)).detail).toMatch(/runs the official broker image/);
    const intoOurs = await restore('ours', archive);
    expect(intoOurs.status).toBe(422);
    expect((await readJson(intoOurs)).detail).toMatch(/restores only into a tenant that runs the official image/);
  });
});

/** Scheduled backups (`PACTSAFS_BACKUP_EVERY`, `PACTSAFS_BACKUP_KEEP`) on a platform of their own. */
describe('scheduled backups', () => {
  let started: StartedPlatform;

  beforeAll(async () => {
    started = await startPlatform({ PACTSAFS_BACKUP_EVERY: '1s', PACTSAFS_BACKUP_KEEP: '2' });
  });

  afterAll(async () => {
    await started?.close();
  });

  it('writes backups under the data dir, keeps the newest, lists them, and they restore', async () => {
    const api = (pathname: string, init?: RequestInit) => fetch(`http://127.0.0.1:${started.port}${pathname}`, init);
    const since = Date.now();
    const created = await api('/api/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'timed' }) });
    expect(created.status).toBe(201);
    // Three rounds seen, two kept: the oldest was pruned.
    const seen = new Set<string>();
    const listed = await until('three scheduled backups, the newest two kept', async () => {
      const { backups } = await readJson(await api('/api/tenants/timed/backups'));
      for (const backup of backups) seen.add(backup.file);
      return seen.size >= 3 && backups.length === 2 ? backups : undefined;
    });
    expect(listed[0]).toMatchObject({ file: expect.stringMatching(/^timed-\d{8}T\d{9}Z\.tar$/), href: expect.stringContaining(`/api/tenants/timed/backups/${listed[0].file}`) });
    // Recorded by one of this test's rounds (the newest may not be recorded yet when it is listed).
    const { lastBackupAt } = await readJson(await api('/api/tenants/timed'));
    expect(lastBackupAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(lastBackupAt)).toBeGreaterThanOrEqual(since);
    expect(Date.parse(lastBackupAt)).toBeLessThanOrEqual(Date.now());
    const archive = Buffer.from(await (await api(listed[0].href)).arrayBuffer());
    expect(listed[0].sizeBytes).toBe(archive.length);
    expect((await unpack(archive))[0]!.header.name).toBe('manifest.json');
    const restored = await api('/api/tenants/timed/restore', { method: 'POST', headers: { 'Content-Type': 'application/x-tar' }, body: archive });
    expect(restored.status, await restored.clone().text()).toBe(200);
  });
});

/** A fresh folder holding one pact file (Web → Orders) for the official CLI to publish; the caller removes it. */
async function webOrdersPactDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-pacts-'));
  await writePactFile(dir, 'Web', 'Orders');
  return dir;
}

async function readJson(answer: Response): Promise<any> {
  return answer.json();
}

/** A provider for the verifier: answers the pact's one interaction. */
async function startProvider(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/things') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify([{ id: 1 }]));
    } else res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** A request body that sends `sendFirst` bytes of `archive`, then never finishes. */
function slowBody(archive: Buffer, sendFirst: number): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(archive.subarray(0, sendFirst));
        return;
      }
      await new Promise(() => {}); // hold the rest back: the platform is killed meanwhile
    },
  });
}
