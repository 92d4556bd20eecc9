import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_BEGIN, BLOCK_END, hostsFileMaps, hostsLines, sudoHostsWriteCommand, withHostsBlock, writeHostsFile } from './hosts-file.js';

const ORIGINAL = '127.0.0.1 localhost\n::1 localhost ip6-localhost\n# a comment\n';

describe('the pactsafs block of a hosts file', () => {
  // Team issue 16: `sudo pactsafs` finds no pactsafs (nor always node) on root's PATH from a checkout.
  it('names node and the CLI by absolute path in its sudo command, quoting a hosts file for the shell', () => {
    const bin = path.resolve('bin/pactsafs.js');
    expect(sudoHostsWriteCommand()).toBe(`sudo ${process.execPath} ${bin} hosts --write`);
    expect(sudoHostsWriteCommand("/tmp/my host's file")).toBe(`sudo ${process.execPath} ${bin} hosts --write --hosts-file '/tmp/my host'\\''s file'`);
  });

  it('gives both loopback addresses for each name', () => {
    expect(hostsLines(['acme.localhost'])).toEqual(['127.0.0.1 acme.localhost', '::1 acme.localhost']);
  });

  it('appends a block, then replaces it, keeping every other line', () => {
    const once = withHostsBlock(ORIGINAL, hostsLines(['acme.localhost']));
    expect(once.startsWith(ORIGINAL)).toBe(true);
    expect(once).toContain(`${BLOCK_BEGIN}\n`);
    expect(once.endsWith(`::1 acme.localhost\n${BLOCK_END}\n`)).toBe(true);
    const appended = `${once}10.0.0.1 after.example\n`;
    const twice = withHostsBlock(appended, hostsLines(['beta.localhost']));
    expect(twice).not.toContain('acme.localhost');
    expect(twice).toContain('127.0.0.1 beta.localhost');
    expect(twice.endsWith(`${BLOCK_END}\n10.0.0.1 after.example\n`)).toBe(true);
    expect(twice.split(BLOCK_BEGIN)).toHaveLength(2);
  });

  it('is idempotent', () => {
    const once = withHostsBlock(ORIGINAL, hostsLines(['acme.localhost']));
    expect(withHostsBlock(once, hostsLines(['acme.localhost']))).toBe(once);
  });

  it('removes the block when there are no tenants, and leaves a file without one alone', () => {
    const once = withHostsBlock(ORIGINAL, hostsLines(['acme.localhost']));
    expect(withHostsBlock(once, [])).toBe(ORIGINAL);
    expect(withHostsBlock(ORIGINAL, [])).toBe(ORIGINAL);
  });

  it('starts the block on a line of its own when the file lacks a final newline', () => {
    expect(withHostsBlock('127.0.0.1 localhost', ['::1 x']).startsWith(`127.0.0.1 localhost\n${BLOCK_BEGIN}\n`)).toBe(true);
  });

  it('refuses a block without its end line', () => {
    expect(() => withHostsBlock(`${ORIGINAL}${BLOCK_BEGIN}\n127.0.0.1 x\n`, ['::1 y'], '/etc/hosts')).toThrow(/no "# END pactsafs" line/);
  });

  it('tells whether a name is mapped, ignoring comments', () => {
    const content = '127.0.0.1 localhost acme.localhost\n# 127.0.0.1 beta.localhost\n';
    expect(hostsFileMaps(content, 'acme.localhost')).toBe(true);
    expect(hostsFileMaps(content, 'ACME.localhost')).toBe(true);
    expect(hostsFileMaps(content, 'beta.localhost')).toBe(false);
  });
});

describe('writeHostsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-hosts-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('replaces the file keeping its mode, and leaves no temporary file', async () => {
    const file = path.join(dir, 'hosts');
    await writeFile(file, ORIGINAL, { mode: 0o644 });
    await writeHostsFile(file, 'new content\n');
    expect(await readFile(file, 'utf8')).toBe('new content\n');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(await readdir(dir)).toEqual(['hosts']);
  });

  it('creates a missing file', async () => {
    const file = path.join(dir, 'fresh-hosts');
    await writeHostsFile(file, 'x\n');
    expect(await readFile(file, 'utf8')).toBe('x\n');
  });
});
