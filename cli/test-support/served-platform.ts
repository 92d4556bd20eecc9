import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterEach, beforeEach } from 'vitest';
import { testControlPlane } from '../../test/support/test-control-plane.js';
import type { TenantService } from '../../control-plane/tenants/tenant-service.js';
import { useEmbeddedTestBed, type EmbeddedTestBed } from '../../control-plane/test-support/embedded-test-bed.js';

export interface ServedPlatform {
  /** Where the control plane answers, for `--url` or an ApiClient. */
  readonly url: string;
  readonly service: TenantService;
  readonly bed: EmbeddedTestBed;
  /** Serves a new control plane over the same data dir and brings its tenants back, as after a platform restart. */
  restart(): Promise<void>;
}

/**
 * Registers hooks giving each test of the enclosing suite the real control plane (tenant service,
 * embedded runtime, backups) on a loopback port, reached over HTTP as the CLI reaches it.
 */
export function useServedPlatform(adminToken?: string): ServedPlatform {
  const bed = useEmbeddedTestBed();
  let served: { server: http.Server; url: string; service: TenantService } | undefined;
  const current = () => {
    if (!served) throw new Error('The served platform is only there while a test runs.');
    return served;
  };
  const close = async () => {
    const server = served?.server;
    served = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  };
  const serve = async (runtime: EmbeddedTestBed['runtime']) => {
    const { app, service } = await testControlPlane(bed.dir, runtime, adminToken);
    const server = http.createServer(getRequestListener(app.fetch));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, service };
    return service;
  };

  beforeEach(() => serve(bed.runtime).then(() => undefined));
  afterEach(close);

  return {
    get url() {
      return current().url;
    },
    get service() {
      return current().service;
    },
    bed,
    async restart() {
      await close();
      await bed.runtime.close();
      await (await serve(bed.restartedRuntime())).restoreAll();
    },
  };
}
