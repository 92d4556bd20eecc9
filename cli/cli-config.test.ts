import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM_URL, readCliConfig } from './cli-config.js';
import { UsageError } from './cli-errors.js';

describe('readCliConfig', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-cli-config-'));
    file = path.join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ url: 'http://from-file:9000/', adminToken: 'file-token' }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes the flag, then PACTSAFS_URL, then the file, then the default', async () => {
    const env = { PACTSAFS_CONFIG: file, PACTSAFS_URL: 'http://from-env:1' };
    expect((await readCliConfig('http://from-flag:2', env)).url).toBe('http://from-flag:2');
    expect((await readCliConfig(undefined, env)).url).toBe('http://from-env:1');
    expect((await readCliConfig(undefined, { PACTSAFS_CONFIG: file })).url).toBe('http://from-file:9000');
    expect((await readCliConfig(undefined, { PACTSAFS_CONFIG: path.join(dir, 'none.json') })).url).toBe(DEFAULT_PLATFORM_URL);
  });

  it('takes the token from PACTSAFS_ADMIN_TOKEN, else the file', async () => {
    expect((await readCliConfig(undefined, { PACTSAFS_CONFIG: file, PACTSAFS_ADMIN_TOKEN: 'env-token' })).adminToken).toBe('env-token');
    expect((await readCliConfig(undefined, { PACTSAFS_CONFIG: file })).adminToken).toBe('file-token');
    expect((await readCliConfig(undefined, { PACTSAFS_CONFIG: path.join(dir, 'none.json') })).adminToken).toBeUndefined();
  });

  it('refuses a config file that is not JSON, and a URL that is not one', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"url": ');
    await expect(readCliConfig(undefined, { PACTSAFS_CONFIG: broken })).rejects.toThrow(/is not valid JSON/);
    await expect(readCliConfig('localhost:8080', { PACTSAFS_CONFIG: broken })).rejects.toBeInstanceOf(UsageError);
    await expect(readCliConfig('ftp://x', { PACTSAFS_CONFIG: file })).rejects.toThrow(/must start with http/);
  });
});
