import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Dockerode from 'dockerode';
import type { PlatformConfig } from '../../shared/config.js';
import { PlatformError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { tenantNameProblem } from '../../shared/tenant-name.js';
import { engineAddress } from '../runtimes/swarm/swarm-availability.js';
import { brokerServicesOf } from './engine-route-table.js';

/** The Docker API calls a gateway makes (dockerode's paths, with or without a `/v1.xx` prefix). */
const API_PATH = /^(?:\/v\d+\.\d+)?(\/[a-z_]+)(?:\?.*)?$/;
const WAKE_PATH = /^\/tenants\/([^/?]+)\/wake$/;
/** An activity report names at most every tenant of a large platform. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * What gateways may ask of the control plane's tenants through the relay (team issue 13, scale to zero):
 * to wake one, and to count requests they served as activity. Neither is more than any client can
 * cause by sending a request through a gateway, so the relay stays without credentials.
 */
export interface RelayTenants {
  /** Resolves once the tenant serves again (at once for one that is not asleep). */
  wake(name: string): Promise<void>;
  /** These tenants had requests through a gateway just now: their idle clocks start again. */
  noteActivity(names: readonly string[]): void;
}

/**
 * A read-only slice of a manager's engine API for gateways on any node (issue 12): only managers
 * answer for services, and a gateway, the internet-facing process, should not hold the engine's
 * socket (root on the node). The control plane serves this on the gateway network; a gateway points
 * PACTSAFS_SWARM_HOST at it. It answers `GET /services` with its platform's broker services' names, labels and
 * replicas only (their environment holds database passwords), `GET /events` with service events,
 * `GET /info` with the node id and manager flag, `GET /_ping`; with `tenants` (team issue 13) also
 * `POST /tenants/<name>/wake` and `POST /activity` (RelayTenants); everything else is refused.
 */
export function createEngineRelay(
  docker: Dockerode,
  platformId: string,
  logger: Logger,
  tenants?: RelayTenants,
): { listen(port: number, host: string): Promise<number>; close(): Promise<void> } {
  const server: Server = http.createServer((req, res) => {
    if (req.method === 'POST' && tenants) {
      const waking = WAKE_PATH.exec(req.url ?? '')?.[1];
      if (waking !== undefined) return wakeTenant(tenants, waking, res, logger);
      if (req.url === '/activity') return void noteActivity(tenants, req, res);
    }
    const call = API_PATH.exec(req.url ?? '')?.[1];
    if (req.method !== 'GET' || call === undefined || !Object.hasOwn(CALLS, call)) {
      const posts = tenants ? ', POST /tenants/<name>/wake and /activity' : '';
      return answer(res, 403, { message: `The engine relay answers GET /services, /events, /info and /_ping${posts} only, not ${req.method} ${req.url}.` });
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
export async function startEngineRelay(config: PlatformConfig, logger: Logger, tenants: RelayTenants): Promise<{ close(): Promise<void> } | undefined> {
  if (config.engineRelayPort === undefined) return undefined;
  const relay = createEngineRelay(new Dockerode(engineAddress(config.swarm.host)), config.swarm.platformId, logger, tenants);
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

/** Answers 204 once the tenant serves, or the platform's status for why it cannot (404 unknown, 409 stopped, else 503). */
function wakeTenant(tenants: RelayTenants, name: string, res: ServerResponse, logger: Logger): void {
  const problem = tenantNameProblem(name);
  if (problem) return answer(res, 400, { message: problem });
  tenants.wake(name).then(
    () => res.writeHead(204).end(),
    (error: Error) => {
      if (!(error instanceof PlatformError)) logger.warn('a wake asked for by a gateway failed', { tenant: name, error });
      answer(res, error instanceof PlatformError && error.status < 500 ? error.status : 503, { message: error instanceof PlatformError ? error.detail : error.message });
    },
  );
}

/** `{"tenants": [names]}`: each named tenant's idle clock starts again; anything else is refused whole (400). */
async function noteActivity(tenants: RelayTenants, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_ACTIVITY_BYTES) return answer(res, 413, { message: `An activity report takes at most ${MAX_ACTIVITY_BYTES / 1024} KiB.` });
  }
  let names: unknown;
  try {
    names = (JSON.parse(body) as { tenants?: unknown }).tenants;
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || names.some((name) => tenantNameProblem(name) !== undefined)) {
    return answer(res, 400, { message: 'An activity report is {"tenants": [names]}, each a valid tenant name.' });
  }
  tenants.noteActivity(names as string[]);
  res.writeHead(204).end();
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
