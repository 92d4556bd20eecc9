import Dockerode from 'dockerode';
import type { ListeningEndpoint } from '../../broker/index.js';
import { ConfigError, type PlatformConfig, type RuntimeKind } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import { DockerRuntime, type DockerRuntimeOptions } from './docker/docker-runtime.js';
import { dockerodeEngine } from './engine/dockerode-engine.js';
import { EmbeddedRuntime } from './embedded/embedded-runtime.js';
import { loadSecretsKey } from '../secrets/secrets-key.js';
import { swarmRuntimeIfManager } from './swarm/swarm-availability.js';
import type { TenantRuntime } from './runtime.js';

export interface AvailableRuntimes {
  runtimes: Map<RuntimeKind, TenantRuntime>;
  /** The runtime new tenants get unless they ask for another (PACTSAFS_RUNTIME; `auto` resolved). */
  defaultRuntime: RuntimeKind;
}

/**
 * The embedded runtime always; the docker runtime when an engine answers. `PACTSAFS_RUNTIME=docker`
 * without an engine is a start-up error; `auto` falls back to embedded.
 */
export async function availableRuntimes(
  config: PlatformConfig,
  dependencies: Pick<DockerRuntimeOptions, 'baseUrlsFor' | 'platformVersion'> & {
    logger: Logger;
    /** The gateway's addresses and port, for embedded brokers' webhooks to refuse (docker brokers' addresses are added here). */
    listeningEndpoints: () => readonly ListeningEndpoint[];
  },
  pingTimeoutMs = 5000,
): Promise<AvailableRuntimes> {
  const { logger } = dependencies;
  const docker = new Dockerode();
  const engineProblem = await pingEngine(docker, pingTimeoutMs);
  const secretsKey = await loadSecretsKey(config.dataDir, config.secretsKey);
  const dockerRuntime =
    engineProblem === undefined
      ? new DockerRuntime({ ...dependencies, engine: dockerodeEngine(docker), images: config.images, selfContainer: config.selfContainer, brokerLogLevel: config.logLevel, secretsKey })
      : undefined;
  // Issue 11, issue 12: an embedded tenant's webhook never reaches a docker tenant's broker, which the platform's
  // host (or container) reaches on the gateway network past the gateway's checks.
  const ownEndpoints = () => [...dependencies.listeningEndpoints(), ...(dockerRuntime?.brokerEndpoints() ?? [])];
  const embedded = new EmbeddedRuntime(config.dataDir, logger, config.logLevel, ownEndpoints, secretsKey);
  const runtimes = new Map<RuntimeKind, TenantRuntime>([['embedded', embedded]]);
  if (dockerRuntime) {
    runtimes.set('docker', dockerRuntime);
  } else if (config.runtime === 'docker') {
    throw new ConfigError(
      `PACTSAFS_RUNTIME=docker, but no Docker engine answers (${engineProblem}). Start dockerd, set DOCKER_HOST, or use PACTSAFS_RUNTIME=embedded.`,
    );
  } else {
    logger.info('no Docker engine answers; docker tenants are unavailable', { reason: engineProblem });
  }
  // Issue 12: swarm tenants when the engine is a swarm manager.
  const swarm = await swarmRuntimeIfManager(config, dependencies, pingTimeoutMs);
  if ('runtime' in swarm) runtimes.set('swarm', swarm.runtime);
  else if (config.runtime === 'swarm') throw new ConfigError(`PACTSAFS_RUNTIME=swarm, but ${swarm.problem}.`);
  else logger.debug('swarm tenants are unavailable', { reason: swarm.problem });
  const defaultRuntime = config.runtime === 'auto' ? (runtimes.has('docker') ? 'docker' : 'embedded') : config.runtime;
  return { runtimes, defaultRuntime };
}

/** Why the engine is not usable, or undefined when it answers; an engine that hangs counts as absent after `timeoutMs`. */
async function pingEngine(docker: Dockerode, timeoutMs: number): Promise<string | undefined> {
  // dockerode takes an abort signal here; its type declarations do not say so.
  const ping = docker.ping.bind(docker) as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
  try {
    await ping({ abortSignal: AbortSignal.timeout(timeoutMs) });
    return undefined;
  } catch (error) {
    const { name, message } = error as Error;
    return name === 'AbortError' || name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : message;
  }
}
