/**
 * Issue 11, defect 6: the data dir holds tenants' credentials and data, so it is its owner's only
 * (0700, files 0600), an earlier version's looser dir is tightened at start, and embedded tenants'
 * passwords are stored as scrypt hashes, with which the official CLI still signs in.
 */
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pactBroker, writePactFile } from '../support/pact-cli.js';
import { freePort, PlatformProcess, temporaryDataDir } from '../support/platform-process.js';
import { until } from '../support/until.js';

const at = '2026-11-23T13:30:00.000Z';
const basicAuth = { username: 'ci', password: 'ci-secret-1', readOnlyUsername: 'dev', readOnlyPassword: 'dev-secret-1' };
const stored = { ...basicAuth, allowPublicRead: false, publicHeartbeat: false, publicBadges: true };

describe('secrets and data on disk', () => {
  let data: Awaited<ReturnType<typeof temporaryDataDir>>;
  let platform: PlatformProcess;
  let pactDir: string;
  const url = (pathname: string) => `http://127.0.0.1:${platform.port}${pathname}`;
  const publish = (tenant: string, version: string, ...credentials: string[]) =>
    pactBroker(['publish', pactDir, '--consumer-app-version', version, '--branch', 'main', '-b', url(`/t/${tenant}`), ...credentials]);
  const registryText = () => readFile(path.join(data.dir, 'registry.json'), 'utf8');

  beforeAll(async () => {
    pactDir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-secrets-'));
    await writePactFile(pactDir, 'Web', 'Orders');
    // The data dir of an earlier version: open to everyone, a plain password in its registry.
    data = await temporaryDataDir();
    await chmod(data.dir, 0o755);
    const legacy = { name: 'legacy', state: 'creating', runtime: 'embedded', createdAt: at, updatedAt: at, lastBackupAt: null, reason: null, basicAuth: stored };
    await writeFile(path.join(data.dir, 'registry.json'), JSON.stringify({ formatVersion: 1, tenants: [legacy] }), { mode: 0o644 });
    await mkdir(path.join(data.dir, 'backups'), { mode: 0o755 });
    platform = new PlatformProcess(await freePort(), data.dir, { PACTSAFS_BACKUP_EVERY: '1s' });
    await platform.start();
  });

  afterAll(async () => {
    await platform?.stop('SIGKILL');
    await data?.remove();
    if (pactDir) await rm(pactDir, { recursive: true, force: true });
  });

  it("tightens an earlier version's data dir at start, and says so", async () => {
    expect((await lstat(data.dir)).mode & 0o777).toBe(0o700);
    expect((await lstat(path.join(data.dir, 'backups'))).mode & 0o777).toBe(0o700);
    expect(platform.output).toMatch(/"message":"the data dir was readable by other users[^"]*","dataDir":"[^"]+","previousMode":"0755"/);
  });

  it("stores an earlier version's plain passwords of embedded tenants as hashes, and the CLI signs in with them", async () => {
    const registry = await registryText();
    expect(registry).not.toContain('secret-1');
    expect(JSON.parse(registry).tenants[0].basicAuth.password).toMatch(/^scrypt\$/);
    expect((await publish('legacy', '1.0.0', '--broker-username', 'ci', '--broker-password', 'wrong-secret')).code).toBe(1);
    const published = await publish('legacy', '1.0.0', '--broker-username', 'ci', '--broker-password', 'ci-secret-1');
    expect(published.code, published.stdout + published.stderr).toBe(0);
  });

  it("keeps no embedded tenant's password in plain text, and its users sign in as before", async () => {
    const created = await fetch(url('/api/tenants'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'fresh', basicAuth }) });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(await registryText()).not.toContain('secret-1');
    const published = await publish('fresh', '1.0.0', '--broker-username', 'ci', '--broker-password', 'ci-secret-1');
    expect(published.code, published.stdout + published.stderr).toBe(0);
    const read = await fetch(url('/t/fresh/pacticipants/Web'), { headers: { Authorization: `Basic ${Buffer.from('dev:dev-secret-1').toString('base64')}` } });
    expect(read.status).toBe(200);
    // The dashboard reaches the broker with the platform's own credential: its counts are there.
    const page = await (await fetch(url('/tenants/fresh'), { headers: { Accept: 'text/html' } })).text();
    expect(page).toContain('<strong data-count="pact-versions">1</strong>');
  });

  it('writes every file owner-only: registry, lock, databases, logs, scheduled backups and restored data', async () => {
    const backupsDir = path.join(data.dir, 'backups', 'fresh');
    const backup = await until('a scheduled backup of "fresh"', async () => (await readdir(backupsDir).catch(() => [])).find((file) => file.endsWith('.tar')));
    const restored = await fetch(url('/api/tenants/fresh/restore'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-tar' },
      body: await readFile(path.join(backupsDir, backup)),
    });
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect((await publish('fresh', '1.0.1', '--broker-username', 'ci', '--broker-password', 'ci-secret-1')).code).toBe(0);

    const modes = await modesUnder(data.dir);
    for (const file of ['registry.json', 'pactsafs.lock', 'tenants/fresh/broker.sqlite', 'tenants/fresh/broker.sqlite-wal', 'tenants/fresh/broker.log', `backups/fresh/${backup}`]) {
      expect(modes[file], file).toBe('file 600');
    }
    expect(Object.entries(modes).filter(([, mode]) => mode !== 'file 600' && mode !== 'dir 700')).toEqual([]);
  });
});

/** `file 600` or `dir 700` (as stat shows them) of everything under `dir`, by relative path. */
async function modesUnder(dir: string): Promise<Record<string, string>> {
  const modes: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const info = await lstat(path.join(dir, name)).catch(() => undefined);
    if (info) modes[name] = `${info.isDirectory() ? 'dir' : 'file'} ${(info.mode & 0o777).toString(8)}`;
  }
  return modes;
}
