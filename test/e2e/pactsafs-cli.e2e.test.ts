/**
 * The `pactsafs` CLI end to end (issue 7): every verb as a real process (`node bin/pactsafs.js`)
 * against the real platform in its own process; the confirmation of `remove` through a
 * pseudo-terminal (util-linux `script`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../support/http-client.js';
import { freePort, repoRoot, startPlatform, type StartedPlatform } from '../support/platform-process.js';
import { until } from '../support/until.js';

const bin = path.join(repoRoot, 'bin/pactsafs.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every process a test starts, so that afterAll ends those a failed test left running. */
const running = new Set<ChildProcess>();

function track(child: ChildProcess, timeoutMs = 60_000): Promise<Run> {
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

async function endRunning(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      return closed;
    }),
  );
}

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const tarEntryName = (header: Buffer) => header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');

describe('the pactsafs CLI against a running platform', () => {
  let started: StartedPlatform;
  let port: number;
  let work: string;
  let env: NodeJS.ProcessEnv;

  /** `pactsafs <args>` with no terminal on stdin, in the work folder. */
  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    track(spawn(process.execPath, [bin, ...args], { cwd: work, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] }));
  const json = async (args: string[]) => {
    const result = await cli([...args, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  /** `pactsafs <args>` on a pseudo-terminal: answers the [y/N] question with `answer`. */
  async function onTerminal(args: string[], answer: string): Promise<Run> {
    const command = [process.execPath, bin, ...args].map(shellQuote).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: work, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const result = track(child);
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk;
      if (seen.includes('[y/N]') && child.stdin?.writable) child.stdin.end(`${answer}\n`);
    });
    return result;
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-cli-e2e-'));
    started = await startPlatform();
    port = started.port;
    // No config file and no token from the machine running the tests: only what each test gives.
    env = { ...process.env, PACTSAFS_URL: `http://127.0.0.1:${port}`, PACTSAFS_CONFIG: path.join(work, 'none.json'), PACTSAFS_ADMIN_TOKEN: '' };
  });

  afterAll(async () => {
    await endRunning();
    await started?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('explains itself; usage errors exit 2', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    for (const verb of ['list', 'deploy', 'stop', 'start', 'status', 'remove', 'backup', 'restore', 'logs', 'url', 'serve', 'hosts', 'doctor']) {
      expect(help.stdout).toContain(`pactsafs ${verb}`);
    }
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 .*\n {2}2 {2}usage error.*\n {2}3 {2}the platform cannot be reached\n {2}4 {2}not found/);
    const cases: Array<[string[], RegExp]> = [
      [['lst'], /Unknown command "lst"/],
      [['list', '--bogus'], /Unknown flag --bogus/],
      [['deploy'], /needs a <tenant>/],
      [['deploy', 'acme', '--runtime', 'podman'], /--runtime must be docker or embedded/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('doctor finds nothing wrong on a platform without tenants', async () => {
    const result = await cli(['doctor', '--json']);
    expect(result.code, result.stdout).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.checks[0]).toMatchObject({ name: 'platform', status: 'ok' });
    expect(report.checks.map((check: { name: string }) => check.name)).toContain('disk space');
  });

  it('deploys tenants; the old port argument is accepted with a note', async () => {
    const acme = await cli(['deploy', 'acme', '9292']);
    expect(acme.code, acme.stderr).toBe(0);
    expect(acme.stderr).toMatch(/ports are allocated automatically; 9292 is ignored/);
    expect(acme.stdout).toBe(`Tenant acme is running (embedded) at http://acme.localhost:${port} (path form: http://localhost:${port}/t/acme).\n`);
    expect(await json(['deploy', 'beta', '--runtime', 'embedded'])).toMatchObject({ name: 'beta', state: 'running', runtime: 'embedded', url: `http://beta.localhost:${port}` });
    const again = await cli(['deploy', 'acme']);
    expect(again).toMatchObject({ code: 1, stderr: 'pactsafs: A tenant named "acme" already exists.\n' });
  });

  it('lists the tenants as a table and as JSON', async () => {
    const list = await cli(['list']);
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME +STATE +RUNTIME +URL +CREATED +LAST BACKUP$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^acme +running +embedded +http://acme\\.localhost:${port} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +-$`));
    expect(header?.indexOf('STATE')).toBe(rows[1]?.indexOf('running'));
    const { tenants } = await json(['list']);
    expect(tenants.map((tenant: { name: string; state: string }) => [tenant.name, tenant.state])).toEqual([['acme', 'running'], ['beta', 'running']]);
  });

  it('shows one tenant and its addresses; an unknown tenant exits 4', async () => {
    expect((await cli(['status', 'acme'])).stdout).toMatch(/^name +acme\nstate +running\nruntime +embedded\nhost form +http:\/\/acme\.localhost:\d+\n/);
    expect(await json(['status', 'acme'])).toMatchObject({ name: 'acme', state: 'running', urls: { path: `http://localhost:${port}/t/acme` }, lastBackupAt: null });
    const url = await cli(['url', 'acme']);
    expect(url.stdout).toContain(`path form: http://localhost:${port}/t/acme\nhost form: http://acme.localhost:${port}\n`);
    expect(url.stdout.replace(/\n/g, ' ')).toMatch(/host form suits the pact CLI.*"127\.0\.0\.1 acme\.localhost" and "::1 acme\.localhost" in \/etc\/hosts/);
    expect(await json(['url', 'acme'])).toEqual({
      name: 'acme',
      host: `http://acme.localhost:${port}`,
      path: `http://localhost:${port}/t/acme`,
      hostsLines: ['127.0.0.1 acme.localhost', '::1 acme.localhost'],
    });
    for (const verb of ['status', 'url', 'stop', 'logs']) {
      expect(await cli([verb, 'nope'])).toMatchObject({ code: 4, stderr: 'pactsafs: There is no tenant named "nope".\n' });
    }
  });

  it('stops and starts a tenant', async () => {
    expect(await json(['stop', 'beta'])).toMatchObject({ name: 'beta', state: 'stopped' });
    expect((await httpRequest(port, { path: '/', host: `beta.localhost:${port}` })).status).toBe(503);
    const started = await cli(['start', 'beta']);
    expect(started.stdout).toMatch(/^Tenant beta is running \(embedded\) at http:\/\/beta\.localhost:\d+/);
    expect((await httpRequest(port, { path: '/', host: `beta.localhost:${port}` })).status).toBe(200);
  });

  it('prints the log, follows it, and explains --db for an embedded tenant', async () => {
    const tail = await cli(['logs', 'acme', '--tail', '5']);
    expect(tail.code).toBe(0);
    expect(tail.stdout).toContain('/diagnostic/status/heartbeat');
    expect(tail.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(5);
    const follow = spawn(process.execPath, [bin, 'logs', 'acme', '--follow', '--tail', '0'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const followed = track(follow);
    let output = '';
    follow.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    await until('the followed log to show a later request', async () => {
      await httpRequest(port, { path: '/pacticipants', host: `acme.localhost:${port}` });
      return output.includes('/pacticipants') || undefined;
    }, 30_000);
    follow.kill('SIGTERM');
    await followed;
    const db = await cli(['logs', 'acme', '--db']);
    expect(db.code).toBe(1);
    expect(db.stderr).toMatch(/^pactsafs: Tenant "acme" runs embedded: its database is the SQLite file .*, not a container with logs\.\n$/);
  });

  it('prints /etc/hosts lines and keeps one marked block however often it writes', async () => {
    const lines = ['127.0.0.1 acme.localhost', '::1 acme.localhost', '127.0.0.1 beta.localhost', '::1 beta.localhost'];
    expect((await cli(['hosts'])).stdout).toBe(`${lines.join('\n')}\n`);
    expect(await json(['hosts'])).toEqual({ hostsLines: lines });
    const hostsFile = path.join(work, 'hosts');
    const original = '127.0.0.1 localhost\n# a line of the owner\n';
    await writeFile(hostsFile, original);
    const first = await cli(['hosts', '--write', '--hosts-file', hostsFile]);
    expect(first).toMatchObject({ code: 0, stdout: `Wrote the pactsafs block of ${hostsFile} (2 tenants).\n` });
    expect(await json(['hosts', '--write', '--hosts-file', hostsFile])).toEqual({ file: hostsFile, hostsLines: lines, changed: false });
    const content = await readFile(hostsFile, 'utf8');
    expect(content.startsWith(original)).toBe(true);
    expect(content.match(/# BEGIN pactsafs/g)).toHaveLength(1);
    expect(content.match(/# END pactsafs/g)).toHaveLength(1);
    expect(content).toContain(`${lines.join('\n')}\n# END pactsafs\n`);
    expect((await readdir(work)).filter((name) => name.includes('hosts'))).toEqual(['hosts']);
  });

  it('doctor warns of a tenant the pact CLI cannot resolve (the path form works) and says how to fix it', async () => {
    const hostsFile = path.join(work, 'hosts-without-tenants');
    await writeFile(hostsFile, '127.0.0.1 localhost\n');
    const result = await cli(['doctor', '--hosts-file', hostsFile]);
    expect(result.stdout).toMatch(/warn +names \(pact CLI\) +.*has no line for acme\.localhost, beta\.localhost/);
    expect(result.stdout).toContain(`fix: run \`sudo ${process.execPath} ${path.resolve('bin/pactsafs.js')} hosts --write --hosts-file ${hostsFile}\``);
    await cli(['hosts', '--write', '--hosts-file', hostsFile]);
    // Whether Node.js resolves *.localhost depends on this machine (nss-myhostname, the real /etc/hosts): only the file's check is certain.
    const { checks } = JSON.parse((await cli(['doctor', '--hosts-file', hostsFile, '--json'])).stdout);
    expect(checks.find((check: { name: string }) => check.name === 'names (pact CLI)')).toMatchObject({ status: 'ok' });
  });

  it('backs a tenant up into <tenant>-data.tar and restores it', async () => {
    const backup = await cli(['backup', 'acme']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up acme to acme-data\.tar: [\d.]+ (B|KiB|MiB) in [\d.]+ s \(.+\/s\)\.\n$/);
    const archive = await readFile(path.join(work, 'acme-data.tar'));
    expect(archive.length).toBeGreaterThan(512);
    expect(tarEntryName(archive)).toBe('manifest.json');
    expect(archive.subarray(257, 262).toString()).toBe('ustar');
    expect((await readdir(work)).filter((name) => name.includes('partial'))).toEqual([]);
    // The platform records a backup once its stream has ended; a restore before that would meet the backup's lock (409).
    const backedUp = async (after: string | null) => {
      const { lastBackupAt } = await json(['status', 'acme']);
      return lastBackupAt !== null && lastBackupAt !== after ? (lastBackupAt as string) : undefined;
    };
    const first = await until('the backup to be recorded', () => backedUp(null));
    expect((await cli(['list'])).stdout).toMatch(/^acme .* UTC +\d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);

    const out = path.join(work, 'copy.tar');
    expect((await cli(['backup', 'acme', '--out', out])).code).toBe(0);
    expect((await stat(out)).size).toBeGreaterThan(512);
    await until('the second backup to be recorded', () => backedUp(first));
    const restore = await cli(['restore', 'acme']);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored acme from acme-data\.tar.*: [\d.]+ (B|KiB|MiB) in [\d.]+ s .*\nTenant acme is running/);
    const restored = await cli(['restore', 'beta', '--file', out, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ name: 'beta', state: 'running' });
  });

  it('refuses to restore a file that is not a backup, with the reason', async () => {
    const bogus = path.join(work, 'bogus.tar');
    await writeFile(bogus, Buffer.alloc(2048, 1));
    const result = await cli(['restore', 'acme', '--file', bogus]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pactsafs: \S.*\n$/);
    const missing = await cli(['restore', 'acme', '--file', path.join(work, 'none.tar')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/to restore from; make one with `pactsafs backup acme`/);
  });

  it('remove refuses without a terminal, asks on one, and removes with --yes', async () => {
    await cli(['deploy', 'gamma']);
    const refused = await cli(['remove', 'gamma']);
    expect(refused).toMatchObject({ code: 2, stderr: 'pactsafs: Not removing tenant gamma: there is no terminal to confirm on. Pass --yes to remove it without asking.\n' });
    const no = await onTerminal(['remove', 'gamma'], 'n');
    expect(no.code, no.stdout).toBe(2);
    expect(no.stdout).toContain('Remove tenant gamma and all its data? This cannot be undone. [y/N]');
    expect(no.stdout).toContain('Nothing removed: tenant gamma is kept.');
    expect((await json(['status', 'gamma'])).state).toBe('running');
    const yes = await onTerminal(['remove', 'gamma'], 'y');
    expect(yes.code, yes.stdout).toBe(0);
    expect(yes.stdout).toContain('Tenant gamma is removed, with its data.');
    expect((await cli(['status', 'gamma'])).code).toBe(4);
    expect(await cli(['remove', 'beta', '--yes'])).toMatchObject({ code: 0, stdout: 'Tenant beta is removed, with its data.\n' });
    expect((await json(['list'])).tenants.map((tenant: { name: string }) => tenant.name)).toEqual(['acme']);
  });

  it('says how to start the platform when it does not answer (exit 3)', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const list = await cli(['list', '--url', url]);
    expect(list).toMatchObject({ code: 3, stdout: '' });
    expect(list.stderr).toBe(
      `pactsafs: The platform is not answering at ${url} (connection refused). Start it with \`npm start\` in the Pact Broker SafS checkout (or \`pactsafs serve\`), or point --url / PACTSAFS_URL at where it runs.\n`,
    );
    const doctor = await cli(['doctor'], { PACTSAFS_URL: url });
    expect(doctor.code).toBe(3);
    expect(doctor.stdout).toMatch(/FAIL +platform +The platform is not answering at/);
    expect(doctor.stdout).toContain('fix: start it: `npm start` in the Pact Broker SafS checkout, or `pactsafs serve`');
  });
});

describe('pactsafs serve, run as npm start runs it, with an admin token', () => {
  let manifest: { scripts: { start: string }; bin: { pactsafs: string } };
  let startArgs: string[];
  let started: StartedPlatform;
  let port: number;
  let work: string;
  const token = 'cli-test-token';
  const cli = (args: string[], env: NodeJS.ProcessEnv) =>
    track(spawn(process.execPath, [bin, ...args], { cwd: work, env: { ...process.env, PACTSAFS_ADMIN_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));

  beforeAll(async () => {
    manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    // `npm start`'s own command line (`node <args>`), run with this node.
    const [command, ...args] = manifest.scripts.start.split(' ');
    expect(command).toBe('node');
    startArgs = args;
    work = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-cli-serve-'));
    started = await startPlatform({ PACTSAFS_ADMIN_TOKEN: token }, startArgs);
    port = started.port;
  });

  afterAll(async () => {
    await endRunning();
    await started?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is the pactsafs bin the package installs', () => {
    expect(startArgs).toEqual([manifest.bin.pactsafs, 'serve']);
    expect(path.join(repoRoot, manifest.bin.pactsafs)).toBe(bin);
  });

  it('needs the admin token, from the environment or the config file', async () => {
    const noConfig = path.join(work, 'none.json');
    const url = `http://127.0.0.1:${port}`;
    const refused = await cli(['list'], { PACTSAFS_URL: url, PACTSAFS_CONFIG: noConfig });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/admin token.*Set PACTSAFS_ADMIN_TOKEN, or "adminToken" in .*none\.json/);
    expect((await cli(['deploy', 'acme'], { PACTSAFS_URL: url, PACTSAFS_CONFIG: noConfig, PACTSAFS_ADMIN_TOKEN: token })).code).toBe(0);
    const config = path.join(work, 'config.json');
    await writeFile(config, JSON.stringify({ url, adminToken: token }));
    const list = await cli(['list', '--json'], { PACTSAFS_URL: '', PACTSAFS_CONFIG: config });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).tenants.map((tenant: { name: string }) => tenant.name)).toEqual(['acme']);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await started.platform.stop('SIGTERM')).toBe(0);
  });
});
