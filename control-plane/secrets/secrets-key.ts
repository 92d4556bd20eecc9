import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSecretsKey, parseSecretsKey } from '../../shared/secrets-key.js';
import { ConfigError } from '../../shared/config.js';

/** Where the platform keeps its secrets key when `PACTSAFS_SECRETS_KEY` is not set. */
export const SECRETS_KEY_FILE = 'secrets.key';

/**
 * The platform's key of its tenants' webhook secrets (team issue 14): `PACTSAFS_SECRETS_KEY` when
 * set, else `<data dir>/secrets.key`, written once with a random key (readable by the platform's
 * user only) and read at every start. One key for every tenant: a tenant's backup restores into
 * any tenant of this platform with its secrets usable; another platform needs the same key.
 */
export async function loadSecretsKey(dataDir: string, configured: string | undefined): Promise<Buffer> {
  if (configured !== undefined) return parsed(configured, 'PACTSAFS_SECRETS_KEY');
  const file = path.join(dataDir, SECRETS_KEY_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${generateSecretsKey()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parsed(await readFile(file, 'utf8'), file);
}

function parsed(text: string, source: string): Buffer {
  try {
    return parseSecretsKey(text, source);
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
}
