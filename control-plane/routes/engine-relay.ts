import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Dockerode from 'dockerode';
import type { PlatformConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import { engineAddress } from '../runtimes/swarm/swarm-availability.js';
import { brokerServicesOf } from './engine-route-table.js';

/** The Docker API calls a gateway makes (dockerode's paths, with or without a `/v1.xx` prefix). */
const API_PATH = /^(?:\/v\d+\.\d+)?(\/[a-z_]+)(?:\?.*)?$/;

/**
 * A read-only slice of a manager's engine API for gateways on any node (issue 12): only managers
 * answer for services, and a gateway, the internet-facing process, should not hold the engine's
 * socket (root on the node). The control plane serves this on the gateway network; a gateway points
 * PACTSAFS_SWARM_HOST at it. It answers `GET /services` with its platform's broker services' names, labels and
 * replicas only (their environment holds database passwords), `GET /events` with service events,
 * `GET /info` with the node id and manager flag, `GET /_ping`; everything else is refused.
 */
export function createEngineRelay(docker: Dockerode, platformId: string, logger: Logger): { listen(port: number, host: string): Promise<number>; close(): Promise<void> } {
  const server: Server = http.createServer((req, res) => {
    const call = API_PATH.exec(req.url ?? '')?.[1];
    if (req.method !== 'GET' || call === undefined || !Object.hasOwn(CALLS, call)) {
      return answer(res, 403, { message: `The engine relay answers GET /services, /events, /info and /_ping only, not ${req.method} ${req.url}.` });
    }
    CALLS[call]!({ docker, platformId }, req, res).catch((error: Error & { statusCode?: number }) => {
      logger.warn('the engine relay could not ask the engine', { call, error });
      if (!res.headersSent) answer(res, 502, { message: `The engine did not answer: ${error.message}` });
      else res.destroy();
    });
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The relay of PACTSAFS_ENGINE_RELAY_PORT over the swarm engine (PACTSAFS_SWARM_HOST), listening; none when the port is not set. */
export async function startEngineRelay(config: PlatformConfig, logger: Logger): Promise<{ close(): Promise<void> } | undefined> {
  if (config.engineRelayPort === undefined) return undefined;
  const relay = createEngineRelay(new Dockerode(engineAddress(config.swarm.host)), config.swarm.platformId, logger);
  const host = config.hosts[0] ?? '127.0.0.1';
  const port = await relay.listen(config.engineRelayPort, host);
  logger.info('engine relay for gateways is listening', { host, port });
  return relay;
}

type Call = (engine: { docker: Dockerode; platformId: string }, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const CALLS: Record<string, Call> = {
  '/_ping': async (_, __, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
  },
  '/info': async ({ docker }, _, res) => {
    const info = (await docker.info()) as { Swarm?: { NodeID?: string; ControlAvailable?: boolean } };
    answer(res, 200, { Swarm: { NodeID: info.Swarm?.NodeID ?? '', ControlAvailable: info.Swarm?.ControlAvailable === true } });
  },
  // Whatever filters the client sent: broker services only, and of each only what routes are made of.
  '/services': async ({ docker, platformId }, _, res) => {
    const services = await docker.listServices({ filters: brokerServicesOf(platformId) });
    answer(res, 200, services.map(({ ID, Version, Spec }) => ({ ID, Version, Spec: { Name: Spec?.Name, Labels: Spec?.Labels, Mode: Spec?.Mode } })));
  },
  '/events': async ({ docker }, req, res) => {
    const events = (await docker.getEvents({ filters: JSON.stringify({ type: ['service'] }) })) as NodeJS.ReadableStream & { destroy(): void };
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    events.pipe(res);
    // Either side gone ends the other: the gateway reconnects and relists.
    req.socket.once('close', () => events.destroy());
    events.once('close', () => res.end());
  },
};

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
