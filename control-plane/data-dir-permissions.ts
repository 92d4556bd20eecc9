import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../shared/logger.js';

/** Owner only: the data dir holds tenants' credentials and data (issue 11). */
const PRIVATE_DIR_MODE = 0o700;
const GROUP_AND_OTHERS = 0o077;

/**
 * Creates the data dir readable by its owner only, or tightens one that others can read (a data dir
 * of an earlier version): the dir and everything in it lose their group and other permissions, with
 * a log line. Symbolic links are left alone (chmod would follow them out of the dir).
 */
export async function makeDataDirPrivate(dataDir: string, logger: Logger): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const { mode } = await lstat(dataDir);
  if ((mode & GROUP_AND_OTHERS) === 0) return;
  const entries = await readdir(dataDir, { recursive: true });
  for (const entry of [dataDir, ...entries.map((name) => path.join(dataDir, name))]) {
    const info = await lstat(entry).catch(() => undefined);
    if (info && !info.isSymbolicLink() && (info.mode & GROUP_AND_OTHERS) !== 0) await chmod(entry, info.mode & 0o7700);
  }
  logger.warn('the data dir was readable by other users; it and its files are now readable by their owner only (issue 11)', {
    dataDir,
    previousMode: `0${(mode & 0o777).toString(8)}`,
  });
}
