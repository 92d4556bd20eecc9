import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../shared/logger.js';
import { isProcessAlive } from '../shared/process-alive.js';

export class DataDirInUseError extends Error {}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * One control plane per data dir: the lock file holds the owner's pid. A lock whose process is
 * gone (after SIGKILL, say) is taken over with a log line, so a restart just works.
 */
export async function acquireDataDirLock(dataDir: string, logger: Logger): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'pactsafs.lock');
  const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() });
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(content);
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = await lockOwner(lockPath);
    if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
      throw new DataDirInUseError(
        `Another Pact Broker SafS (pid ${owner}) is already using the data directory ${dataDir}. ` +
          'Stop it first, or set PACTSAFS_DATA_DIR to another directory.',
      );
    }
    logger.warn('taking over the data dir lock of a platform process that is gone', { lockPath, previousPid: owner });
    const temporary = `${lockPath}.${process.pid}`;
    await writeFile(temporary, content);
    await rename(temporary, lockPath);
  }
  return {
    async release() {
      if ((await lockOwner(lockPath)) === process.pid) await rm(lockPath, { force: true });
    },
  };
}

async function lockOwner(lockPath: string): Promise<number | undefined> {
  try {
    const pid = (JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

