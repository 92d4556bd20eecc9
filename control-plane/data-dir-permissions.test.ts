import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../shared/logger.js';
import { makeDataDirPrivate } from './data-dir-permissions.js';

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe('the data dir is private (issue 11)', () => {
  let root: string;
  let lines: string[];
  const logger = () => createLogger({ write: (line) => lines.push(line) });

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-modes-'));
    lines = [];
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is created readable by its owner only, silently', async () => {
    const dataDir = path.join(root, 'new', 'data');
    await makeDataDirPrivate(dataDir, logger());
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(lines).toEqual([]);
  });

  it("takes group and others' permissions from an earlier version's dir and files, and says so", async () => {
    const dataDir = path.join(root, 'data');
    await mkdir(path.join(dataDir, 'tenants', 'acme'), { recursive: true, mode: 0o755 });
    await writeFile(path.join(dataDir, 'registry.json'), '{}', { mode: 0o644 });
    await writeFile(path.join(dataDir, 'tenants', 'acme', 'broker.sqlite'), '', { mode: 0o664 });
    const outside = path.join(root, 'outside.txt');
    await writeFile(outside, 'not ours', { mode: 0o644 });
    await symlink(outside, path.join(dataDir, 'link'));
    await chmod(dataDir, 0o755);

    await makeDataDirPrivate(dataDir, logger());
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'tenants'))).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'tenants', 'acme'))).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'registry.json'))).toBe(0o600);
    expect(await modeOf(path.join(dataDir, 'tenants', 'acme', 'broker.sqlite'))).toBe(0o600);
    expect(await modeOf(outside)).toBe(0o644);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', dataDir, previousMode: '0755', message: expect.stringContaining('readable by their owner only') });
  });
});
