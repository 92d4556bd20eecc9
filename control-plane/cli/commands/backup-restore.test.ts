import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ExitCode } from '../cli-errors.js';
import { capturedIo } from '../test-support/captured-io.js';
import { fakePlatform, problem } from '../test-support/fake-platform.js';

const TAR = Buffer.concat([Buffer.from('manifest.json'), Buffer.alloc(64 * 1024 - 13, 7)]);

describe('backup and restore against the API contract', () => {
  let platform: Awaited<ReturnType<typeof fakePlatform>>;
  let dir: string;
  const uploads: Array<{ type?: string; length?: string; body: Buffer }> = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-cli-backup-'));
    platform = await fakePlatform((request, body, response) => {
      if (request.url === '/api/tenants/acme/backup') {
        response.writeHead(200, { 'Content-Type': 'application/x-tar', 'Content-Disposition': 'attachment; filename="acme-data.tar"' });
        response.write(TAR.subarray(0, 1000));
        return void setTimeout(() => response.end(TAR.subarray(1000)), 20);
      }
      if (request.url === '/api/tenants/broken/backup') {
        response.writeHead(200, { 'Content-Type': 'application/x-tar' });
        response.write(TAR.subarray(0, 1000));
        return void setTimeout(() => response.destroy(), 20);
      }
      if (request.url === '/api/tenants/acme/restore') {
        uploads.push({ type: request.headers['content-type'], length: request.headers['content-length'], body });
        if (body[0] !== TAR[0]) return problem(response, 400, 'The archive has no manifest.json first.');
        return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ name: 'acme', state: 'running', runtime: 'embedded', urls: { host: 'h', path: 'p' }, reason: null }));
      }
      problem(response, 404, 'There is no tenant named "nope".');
    });
  });
  afterAll(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = async (...args: string[]) => {
    const io = capturedIo();
    const code = await runCli([...args, '--url', platform.url], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  it('streams a backup into the file and sums it up', async () => {
    const out = path.join(dir, 'acme.tar');
    const result = await cli('backup', 'acme', '--out', out);
    expect(result).toMatchObject({ code: ExitCode.ok, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Backed up acme to ${out}: 64\\.0 KiB in [\\d.]+ s \\(.+/s\\)\\.\\n$`));
    expect((await readFile(out)).equals(TAR)).toBe(true);
  });

  it('leaves nothing behind when the stream breaks, and nothing when the tenant is unknown', async () => {
    const broken = await cli('backup', 'broken', '--out', path.join(dir, 'broken.tar'));
    expect(broken.code).toBe(ExitCode.failed);
    expect(broken.stderr).toMatch(/The backup of broken did not complete \(.+\); nothing was written to .*broken\.tar\./);
    const unknown = await cli('backup', 'nope', '--out', path.join(dir, 'nope.tar'));
    expect(unknown).toMatchObject({ code: ExitCode.notFound, stderr: 'pactsafs: There is no tenant named "nope".\n' });
    expect((await readdir(dir)).filter((name) => !name.startsWith('acme'))).toEqual([]);
  });

  it('uploads a restore as a tar with its length', async () => {
    const file = path.join(dir, 'acme.tar');
    const result = await cli('restore', 'acme', '--file', file);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/^Restored acme from .*acme\.tar: 64\.0 KiB in .*\nTenant acme is running \(embedded\) at h \(path form: p\)\.\n$/);
    expect(uploads.at(-1)).toMatchObject({ type: 'application/x-tar', length: String(TAR.length) });
    expect(uploads.at(-1)?.body.equals(TAR)).toBe(true);
  });

  it('prints the detail of a refused archive, and names a missing file', async () => {
    const bad = path.join(dir, 'bad.tar');
    await writeFile(bad, 'not a tar');
    expect(await cli('restore', 'acme', '--file', bad)).toMatchObject({ code: ExitCode.failed, stderr: 'pactsafs: The archive has no manifest.json first.\n' });
    const missing = await cli('restore', 'acme', '--file', path.join(dir, 'none.tar'));
    expect(missing.code).toBe(ExitCode.failed);
    expect(missing.stderr).toMatch(/There is no .*none\.tar to restore from; make one with `pactsafs backup acme`/);
    await rm(bad);
  });
});
