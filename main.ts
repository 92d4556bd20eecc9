/** The platform's entry point (`pactsafs serve`): the platform of the environment's config on one port, until SIGINT or SIGTERM. */
import { readFileSync } from 'node:fs';
import { DataDirInUseError } from './control-plane/data-dir-lock.js';
import { createPlatform } from './platform.js';
import { serveGateway } from './serve-gateway.js';
import { ConfigError, readPlatformConfig } from './shared/config.js';
import { createLogger } from './shared/logger.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

async function main(): Promise<void> {
  // Issue 11: every file the platform writes is its owner's only (0600, folders 0700). SQLite's files and
  // lowdb's temp file take no mode of their own, so the umask is what reaches them all from their first byte.
  process.umask(0o077);
  const config = readPlatformConfig();
  const logger = createLogger({ level: config.logLevel });
  // Issue 12: a gateway replica has no registry, data dir or control plane; `control` and `all` run the platform.
  if (config.role === 'gateway') return serveGateway(config, logger, version);
  const platform = await createPlatform(config, { logger, version });
  const port = await platform.start();
  const base = `http://${config.domain}${port === 80 ? '' : `:${port}`}`;
  logger.info('Pact Broker SafS is ready', { url: base, role: config.role, listen: config.hosts, port, dataDir: config.dataDir });
  process.stdout.write(
    `Pact Broker SafS ${version} is ready on ${base} (data in ${config.dataDir}).\n` +
      `Create a tenant: curl -X POST ${base}/api/tenants -H 'Content-Type: application/json' -d '{"name":"acme"}'\n`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const failures = await platform.close();
    process.exit(failures.length === 0 ? 0 : 1);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`pactsafs: ${startupProblem(error)}\n`);
  process.exit(1);
});

function startupProblem(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) return error.message;
  const { code, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (code === 'EADDRINUSE') return `Port ${port} is already in use on ${address}; stop what uses it or set PACTSAFS_PORT to another port.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port} of ${address}; choose a port above 1023 with PACTSAFS_PORT.`;
  return (error as Error).stack ?? String(error);
}
