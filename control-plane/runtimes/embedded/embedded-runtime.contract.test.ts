/** The runtime contract (issue 12) over embedded tenants: brokers in this process, SQLite files in a temp dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../shared/logger.js';
import { runtimeContract } from '../runtime-contract.case.js';
import { EmbeddedRuntime } from './embedded-runtime.js';

runtimeContract('embedded', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-contract-'));
  const open = () => new EmbeddedRuntime(dataDir, silentLogger);
  return {
    open,
    loseDatabase: (name) => rm(open().databasePath(name), { force: true }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
});
