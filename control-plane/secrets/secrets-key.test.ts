import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config.js';
import { loadSecretsKey, SECRETS_KEY_FILE } from './secrets-key.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'secrets-key-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('makes a random 32-byte key in the data folder on first use, readable by the owner only, and reads it back after', async () => {
  const first = await loadSecretsKey(dataDir, undefined);
  const file = path.join(dataDir, SECRETS_KEY_FILE);
  expect(first).toHaveLength(32);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toEqual(first);
  expect(await loadSecretsKey(dataDir, undefined)).toEqual(first);
});

it('takes PACTSAFS_SECRETS_KEY instead of the file when it is set', async () => {
  const configured = Buffer.alloc(32, 7);
  expect(await loadSecretsKey(dataDir, configured.toString('base64'))).toEqual(configured);
  await expect(stat(path.join(dataDir, SECRETS_KEY_FILE))).rejects.toThrow(/ENOENT/);
});

it.each([
  ['a key of the wrong length', () => loadSecretsKey(dataDir, Buffer.alloc(16).toString('base64')), /PACTSAFS_SECRETS_KEY must be 32 random bytes in base64/],
  ['a key that is not base64', () => loadSecretsKey(dataDir, 'not a key!'), /PACTSAFS_SECRETS_KEY must be 32 random bytes in base64/],
  ['a damaged key file', async () => {
    await writeFile(path.join(dataDir, SECRETS_KEY_FILE), 'short\n');
    return loadSecretsKey(dataDir, undefined);
  }, /secrets\.key must be 32 random bytes in base64/],
])('stops the start with a sentence for %s', async (_, load, message) => {
  const failure = load();
  await expect(failure).rejects.toThrow(ConfigError);
  await expect(failure).rejects.toThrow(message);
});
