/** The runtime contract (issue 12) over embedded tenants: brokers in this process, SQLite files in a temp dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../shared/logger.js';
import { runtimeContract } from '../runtime-contract.case.js';
import { EmbeddedRuntime } from './embedded-runtime.js';

runtimeContract('embedded', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-contract-'));
  return {
    // An embedded broker builds its links from the gateway's forwarded headers: no base URLs to give.
    open: () => new EmbeddedRuntime(dataDir, silentLogger),
    loseDatabase: (name) => rm(path.join(dataDir, 'tenants', name, 'broker.sqlite'), { force: true }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
});
