import Dockerode from 'dockerode';
import type { PlatformConfig } from '../../../shared/config.js';
import type { Logger } from '../../../shared/logger.js';
import { dockerodeEngine } from '../engine/dockerode-engine.js';
import { SwarmRuntime } from './swarm-runtime.js';

/** Dockerode's options for a `unix:///path` or `tcp://host:port` engine address; none: dockerode's default (DOCKER_HOST or the local socket). */
export function engineAddress(host: string | undefined): Dockerode.DockerOptions | undefined {
  if (host === undefined) return undefined;
  const url = new URL(host);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  if (url.protocol === 'tcp:' || url.protocol === 'http:') return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
  throw new Error(`PACTSAFS_SWARM_HOST must be unix:///path/to/docker.sock or tcp://host:port, got "${host}".`);
}

/**
 * The swarm runtime when the engine at PACTSAFS_SWARM_HOST (or the default engine) is a swarm
 * manager (issue 12); otherwise why not, in a sentence.
 */
export async function swarmRuntimeIfManager(
  config: PlatformConfig,
  dependencies: { logger: Logger; platformVersion: string; baseUrlsFor: (name: string) => string[] },
  timeoutMs: number,
): Promise<{ runtime: SwarmRuntime } | { problem: string }> {
  const where = config.swarm.host ?? 'the default Docker engine';
  let engine;
  try {
    const address = engineAddress(config.swarm.host);
    engine = dockerodeEngine(address ? new Dockerode(address) : new Dockerode());
    const info = await Promise.race([
      engine.info(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs).unref()),
    ]);
    if (!info.manager) return { problem: `${where} is not a swarm manager (run \`docker swarm init\` there, or point PACTSAFS_SWARM_HOST at a manager)` };
  } catch (error) {
    return { problem: `${where} does not answer (${(error as Error).message})` };
  }
  const runtime = new SwarmRuntime({
    ...dependencies,
    engine,
    images: config.images,
    constraints: config.swarm.constraints,
    logLevel: config.logLevel,
    nodeSocket: config.swarm.nodeSocket,
    platformImage: config.swarm.platformImage,
    platformId: config.swarm.platformId,
    selfContainer: config.selfContainer,
  });
  return { runtime };
}
