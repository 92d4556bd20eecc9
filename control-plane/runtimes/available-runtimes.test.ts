/** Which runtimes start-up offers when the Docker engine hangs or is absent. */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlatformConfig } from '../../shared/config.js';
import { silentLogger } from '../../shared/logger.js';
import { provided } from '../../test/support/test-parts.js';
import { availableRuntimes } from './available-runtimes.js';

describe('availableRuntimes with an engine socket that accepts and never answers', () => {
  let dir: string;
  let hung: net.Server;
  const connections = new Set<net.Socket>();
  const previousDockerHost = process.env.DOCKER_HOST;
  const dependencies = { logger: silentLogger, platformVersion: 'test', baseUrlsFor: () => [], listeningEndpoints: () => [] };
  const configWith = (runtime: string) => readPlatformConfig({ PACTSAFS_DATA_DIR: dir, PACTSAFS_RUNTIME: runtime });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-runtimes-'));
    const socket = path.join(dir, 'docker.sock');
    hung = net.createServer((connection) => connections.add(connection)); // takes the connection, answers nothing
    await new Promise<void>((resolve) => hung.listen(socket, resolve));
    process.env.DOCKER_HOST = `unix://${socket}`;
  });

  afterAll(async () => {
    if (previousDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previousDockerHost;
    for (const connection of connections) connection.destroy();
    await new Promise((resolve) => hung.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('auto falls back to embedded once the ping times out', async () => {
    const { runtimes, defaultRuntime } = await availableRuntimes(configWith('auto'), dependencies, 300);
    expect([...runtimes.keys()]).toEqual(['embedded']);
    expect(defaultRuntime).toBe('embedded');
  });

  it('swarm refuses to start, naming the engine that did not answer (issue 12)', async () => {
    const socket = `unix://${path.join(dir, 'docker.sock')}`;
    const config = readPlatformConfig({ PACTSAFS_DATA_DIR: dir, PACTSAFS_RUNTIME: 'swarm', PACTSAFS_SWARM_HOST: socket });
    await expect(availableRuntimes(config, dependencies, 300)).rejects.toThrow(`PACTSAFS_RUNTIME=swarm, but ${socket} does not answer (no answer within 0.3 s).`);
  });

  it('docker refuses to start, saying the engine did not answer', async () => {
    await expect(availableRuntimes(configWith('docker'), dependencies, 300)).rejects.toThrow(
      /PACTSAFS_RUNTIME=docker, but no Docker engine answers \(no answer within 0\.3 s\)/,
    );
  });
});

describe.runIf(provided('docker'))('availableRuntimes with an engine that is not a swarm manager (issue 12)', () => {
  it('swarm refuses to start, saying how to make one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-runtimes-'));
    // The main engine, which never enters swarm mode (the swarm suites have engines of their own).
    const config = readPlatformConfig({ PACTSAFS_DATA_DIR: dir, PACTSAFS_RUNTIME: 'swarm', PACTSAFS_SWARM_HOST: 'unix:///var/run/docker.sock' });
    const dependencies = { logger: silentLogger, platformVersion: 'test', baseUrlsFor: () => [], listeningEndpoints: () => [] };
    await expect(availableRuntimes(config, dependencies)).rejects.toThrow(
      'PACTSAFS_RUNTIME=swarm, but unix:///var/run/docker.sock is not a swarm manager (run `docker swarm init` there, or point PACTSAFS_SWARM_HOST at a manager).',
    );
    await rm(dir, { recursive: true, force: true });
  });
});
