import { addHostsEntries, canEditHosts } from './etc-hosts.js';
import { httpRequest } from './http-client.js';
import { startPlatform } from './platform-process.js';

export interface TenantPlatform {
  port: number;
  dataDir: string;
  /** The tenant's address for the official CLI and verifier: the host form when /etc/hosts can say
   * where it is (root), else the path form. */
  base: string;
  /** Ends the platform and removes what the start made (hosts line, data dir). */
  close(): Promise<void>;
}

/** The real platform in its own process, with one tenant created over REST. */
export async function startTenantPlatform(
  tenant: string,
  options: { runtime?: string; env?: Record<string, string>; settings?: Record<string, unknown> } = {},
): Promise<TenantPlatform> {
  const started = await startPlatform(options.env);
  const { port } = started;
  let removeHosts: (() => Promise<void>) | undefined;
  const close = async () => {
    await started.close();
    await removeHosts?.();
  };
  try {
    const created = await httpRequest(port, {
      method: 'POST',
      path: '/api/tenants',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: tenant, runtime: options.runtime, ...options.settings }),
    });
    if (created.status !== 201) throw new Error(`creating tenant ${tenant} answered ${created.status}: ${created.body}`);
    let base = `http://127.0.0.1:${port}/t/${tenant}`;
    if (canEditHosts()) {
      removeHosts = await addHostsEntries([`${tenant}.localhost`]);
      base = `http://${tenant}.localhost:${port}`;
    }
    return { port, dataDir: started.dataDir, base, close };
  } catch (error) {
    await close();
    throw error;
  }
}
