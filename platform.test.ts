import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from './control-plane/api/api-client.js';
import { createPlatform, type Platform } from './platform.js';
import { readPlatformConfig } from './shared/config.js';
import { silentLogger } from './shared/logger.js';
import { httpRequest } from './test/support/http-client.js';
import { temporaryDataDir } from './test/support/platform-process.js';

describe('createPlatform (team issue 16)', () => {
  let platform: Platform | undefined;
  let removeDataDir: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await platform?.close();
    await removeDataDir?.();
  });

  it('serves the platform of a config in this process: a tenant created over /api answers through the gateway, in both forms', async () => {
    const data = await temporaryDataDir();
    removeDataDir = data.remove;
    const config = readPlatformConfig({ PACTSAFS_PORT: '0', PACTSAFS_HOST: '127.0.0.1', PACTSAFS_DATA_DIR: data.dir }, []);
    platform = await createPlatform(config, { logger: silentLogger, version: 'test' });
    const port = await platform.start();
    const api = new ApiClient({ fetch, baseUrl: `http://127.0.0.1:${port}` });

    const tenant = await api.createTenant({ name: 'inproc' });
    expect(tenant.urls).toEqual({ host: `http://inproc.localhost:${port}`, path: `http://localhost:${port}/t/inproc` });
    const byPath = await fetch(`http://127.0.0.1:${port}/t/inproc/diagnostic/status/heartbeat`);
    // fetch sends its own Host header: the host form through a plain request.
    const byHost = await httpRequest(port, { method: 'GET', path: '/diagnostic/status/heartbeat', headers: { Host: `inproc.localhost:${port}` } });
    expect([byPath.status, byHost.status]).toEqual([200, 200]);
    expect((await api.health()).tenants).toBe(1);
  });

});
