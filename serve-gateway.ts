/** The entry point of a gateway-only process (issue 12: `pactsafs serve --role gateway`), started by main.ts. */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import Dockerode from 'dockerode';
import httpProxy from 'http-proxy';
import { EngineRouteTable } from './control-plane/routes/engine-route-table.js';
import { gatewayOnlyAccess } from './control-plane/routes/gateway-only-access.js';
import { RelayTenantWaker } from './control-plane/routes/relay-tenant-waker.js';
import { dockerodeEngine } from './control-plane/runtimes/engine/dockerode-engine.js';
import { engineAddress } from './control-plane/runtimes/swarm/swarm-availability.js';
import { sendGatewayProblem } from './gateway/error-responses.js';
import { createGateway } from './gateway/gateway-server.js';
import { RequestCounters } from './gateway/request-counters.js';
import type { PlatformConfig } from './shared/config.js';
import type { Logger } from './shared/logger.js';

/**
 * Serves only the gateway: no registry, no data dir, no control plane. Tenants' routes come from
 * the swarm engine's broker services (labels, events, relists), so any number of these run side by
 * side with no shared file. Requests for the control host go to PACTSAFS_CONTROL_URL, or get 421.
 */
export async function serveGateway(config: PlatformConfig, logger: Logger, version: string): Promise<void> {
  const engine = dockerodeEngine(new Dockerode(engineAddress(config.swarm.host)));
  const info = await engine.info().catch(() => undefined);
  if (info && !info.manager) {
    // Only a manager answers for services: a gateway on a worker keeps retrying, and says why (issue 12).
    const hint = "a gateway reads broker services from a manager's engine, or from the control plane's engine relay: set PACTSAFS_SWARM_HOST";
    logger.error(`this engine is not a swarm manager; ${hint}`, { engine: config.swarm.host ?? 'default' });
  }
  const table = new EngineRouteTable({ engine, logger, platformId: config.swarm.platformId });
  await table.start();
  const control = controlUpstream(config.controlUrl, logger);
  const waker = relayWaker(config.swarm.host, table, logger);
  const gateway = createGateway({
    domain: config.domain,
    controlHosts: config.controlHosts,
    publicUrl: config.publicUrl,
    lookup: table.lookup,
    control: control.handle,
    counters: new RequestCounters(),
    logger,
    authorize: gatewayOnlyAccess,
    waker,
  });
  const port = await gateway.listen(config.port, config.hosts);
  logger.info('Pact Broker SafS gateway is ready', { role: 'gateway', listen: config.hosts, port, control: config.controlUrl?.origin });
  process.stdout.write(`Pact Broker SafS ${version} gateway (role gateway) is ready on port ${port}.\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    table.stop();
    await gateway.close();
    control.close();
    waker?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * Team issue 13: through the control plane's engine relay (PACTSAFS_SWARM_HOST=tcp://…) sleeping tenants
 * are woken and requests reported as activity; a gateway reading a manager's engine socket has no control
 * plane to ask, and answers 503 for a sleeping tenant.
 */
function relayWaker(swarmHost: string | undefined, table: EngineRouteTable, logger: Logger): RelayTenantWaker | undefined {
  const address = swarmHost === undefined ? undefined : new URL(swarmHost);
  if (address?.protocol !== 'tcp:' && address?.protocol !== 'http:') {
    logger.info('sleeping tenants answer 503 here: this gateway reads an engine socket, not the engine relay, and cannot wake them', { engine: swarmHost ?? 'default' });
    return undefined;
  }
  return new RelayTenantWaker({
    relay: new URL(`http://${address.hostname}:${address.port || 2375}`),
    relist: () => table.relist(),
    warn: (message, fields) => logger.warn(message, fields),
  });
}

/**
 * The control host on a gateway-only process: proxied as it came (Host kept, so the control plane
 * applies its own host and origin rules) to the control service, or answered 421 when none is set.
 */
function controlUpstream(controlUrl: URL | undefined, logger: Logger): { handle: (req: IncomingMessage, res: ServerResponse) => void; close(): void } {
  if (!controlUrl) {
    const detail =
      'This process is a gateway only (role gateway): it serves tenants, not the control plane. ' +
      'Use the API and dashboard on a process of role control or all, or set PACTSAFS_CONTROL_URL on the gateways to proxy them.';
    return { handle: (req, res) => sendGatewayProblem(req, res, { status: 421, title: 'Misdirected Request', detail }), close() {} };
  }
  const agent = new http.Agent({ keepAlive: true });
  const proxy = httpProxy.createProxyServer({ target: controlUrl.origin, agent, xfwd: true });
  return {
    handle: (req, res) =>
      proxy.web(req, res, {}, (error) => {
        logger.warn('the control plane is not answering', { control: controlUrl.origin, error: error.message });
        sendGatewayProblem(req, res, { status: 502, title: 'Bad Gateway', detail: `The control plane (${controlUrl.origin}) is not answering; try again shortly.` });
      }),
    close: () => {
      proxy.close();
      agent.destroy();
    },
  };
}
