import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ExitCode } from '../cli-errors.js';
import { capturedIo } from '../test-support/captured-io.js';
import { fakePlatform } from '../test-support/fake-platform.js';
import { useServedPlatform } from '../test-support/served-platform.js';

const tarEntryName = (archive: Buffer) => archive.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');

describe('pactsafs backup and restore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-cli-backup-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const cli = async (url: string, ...args: string[]) => {
    const io = capturedIo();
    const code = await runCli([...args, '--url', url], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  };

  describe('against the real control plane', () => {
    const platform = useServedPlatform();

    it('streams a backup into the file, restores it into another tenant, and sums both up', async () => {
      for (const name of ['acme', 'beta']) await (await platform.service.create({ name })).completion;
      const out = path.join(dir, 'acme.tar');
      const backup = await cli(platform.url, 'backup', 'acme', '--out', out);
      expect(backup).toMatchObject({ code: ExitCode.ok, stderr: '' });
      expect(backup.stdout).toMatch(new RegExp(`^Backed up acme to ${out}: [\\d.]+ KiB in [\\d.]+ s \\(.+/s\\)\\.\\n$`));
      expect(tarEntryName(await readFile(out))).toBe('manifest.json');

      const restore = await cli(platform.url, 'restore', 'beta', '--file', out);
      expect(restore).toMatchObject({ code: ExitCode.ok, stderr: '' });
      expect(restore.stdout).toMatch(
        /^Restored beta from .*acme\.tar \(a backup of acme taken \d{4}-\d\d-\d\d \d\d:\d\d UTC\): [\d.]+ KiB in .*\nTenant beta is running \(embedded\) at http:\/\/beta\.localhost:8080 \(path form: http:\/\/localhost:8080\/t\/beta\)\.\n$/,
      );
    });

    it('writes nothing for an unknown tenant', async () => {
      const unknown = await cli(platform.url, 'backup', 'nope', '--out', path.join(dir, 'nope.tar'));
      expect(unknown).toMatchObject({ code: ExitCode.notFound, stdout: '', stderr: 'pactsafs: There is no tenant named "nope".\n' });
      expect(await readdir(dir)).toEqual([]);
    });

    it('prints why an archive is refused, and names a missing file', async () => {
      await (await platform.service.create({ name: 'acme' })).completion;
      const bad = path.join(dir, 'bad.tar');
      await writeFile(bad, 'not a tar');
      expect(await cli(platform.url, 'restore', 'acme', '--file', bad)).toMatchObject({
        code: ExitCode.failed,
        stderr: 'pactsafs: The body is not a tar archive.\n',
      });
      expect(platform.service.get('acme').state).toBe('running');
      const missing = await cli(platform.url, 'restore', 'acme', '--file', path.join(dir, 'none.tar'));
      expect(missing.code).toBe(ExitCode.failed);
      expect(missing.stderr).toMatch(/There is no .*none\.tar to restore from; make one with `pactsafs backup acme`/);
    });
  });

  it('leaves nothing behind when the backup stream breaks', async () => {
    // A stream cut in the middle cannot be caused on demand with the real platform: a stand-in cuts it.
    const platform = await fakePlatform((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      response.write(Buffer.alloc(1000));
      setTimeout(() => response.destroy(), 20);
    });
    try {
      const broken = await cli(platform.url, 'backup', 'broken', '--out', path.join(dir, 'broken.tar'));
      expect(broken.code).toBe(ExitCode.failed);
      expect(broken.stderr).toMatch(/The backup of broken did not complete \(.+\); nothing was written to .*broken\.tar\./);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await platform.close();
    }
  });
});
